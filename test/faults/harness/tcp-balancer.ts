import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A load balancer small enough to read: each new TCP connection goes to the next backend in
 * turn, and on to the one after when that one refuses (it is stopping or down), as Caddy's
 * `lb_try_duration` does in deploy/Caddyfile. Websockets pass through untouched.
 */
export class TcpBalancer {
  /** Connections handed to each backend port, for checking the spread. */
  readonly handed = new Map<number, number>();
  private next = 0;
  private readonly open = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(backends: number[]): Promise<TcpBalancer> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address !== 'object') throw new Error('balancer did not bind');
    const balancer = new TcpBalancer(server, address.port);
    server.on('connection', (client) => balancer.route(client, backends));
    return balancer;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private route(client: Socket, backends: number[]): void {
    client.pause();
    this.open.add(client);
    client.once('close', () => this.open.delete(client));
    client.on('error', () => client.destroy());
    const first = this.next++ % backends.length;
    const attempt = (tried: number) => {
      if (tried === backends.length || client.destroyed) return client.destroy();
      const port = backends[(first + tried) % backends.length] as number;
      const upstream = createConnection({ port, host: '127.0.0.1' });
      // Before it connects, an error means refused: try the next backend.
      upstream.once('error', () => attempt(tried + 1));
      upstream.once('connect', () => {
        this.handed.set(port, (this.handed.get(port) ?? 0) + 1);
        upstream.removeAllListeners('error');
        upstream.on('error', () => client.destroy());
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    attempt(0);
  }

  async close(): Promise<void> {
    for (const socket of this.open) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
