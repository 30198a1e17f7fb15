import { WebSocket } from 'ws';

/**
 * A short-lived DevTools-protocol session with a node process started with
 * `--inspect=127.0.0.1:0`. The bench uses it only to force full garbage collections before it
 * reads the server's memory: without them, RSS deltas mostly measure when V8 last collected.
 */
export class InspectorSession {
  private nextId = 1;

  private constructor(private readonly ws: WebSocket) {}

  static open(url: string): Promise<InspectorSession> {
    const ws = new WebSocket(url);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new InspectorSession(ws)));
      ws.once('error', reject);
    });
  }

  call(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const onMessage = (data: Buffer) => {
        const reply = JSON.parse(data.toString()) as {
          id?: number;
          result?: unknown;
          error?: { message: string };
        };
        if (reply.id !== id) return;
        this.ws.off('message', onMessage);
        if (reply.error) reject(new Error(`${method}: ${reply.error.message}`));
        else resolve(reply.result);
      };
      this.ws.on('message', onMessage);
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  /** Evaluates an expression in the process and returns its JSON-serialisable value. */
  async evaluate<T>(expression: string): Promise<T> {
    const reply = (await this.call('Runtime.evaluate', { expression, returnByValue: true })) as {
      result: { value: T };
    };
    return reply.result.value;
  }

  close(): void {
    this.ws.close();
  }
}
