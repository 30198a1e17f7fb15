import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** Production refuses to start without an audit signing key; one per run, kept across restarts. */
const auditSigningKey = generateKeyPairSync('ed25519')
  .privateKey.export({ format: 'pem', type: 'pkcs8' })
  .toString();
/** Nor, on PostgreSQL, without the key that seals two-factor secrets; the same across restarts. */
const totpEncryptionKey = randomBytes(32).toString('base64');

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const LOG_LINES_KEPT = 200;

/** A loopback port that was free a moment ago; the server binds it right after. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not pick a free port'));
      });
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface ServerProcessOptions {
  /** PostgreSQL; without it the server runs on the embedded PGlite in `dataDir`. */
  databaseUrl?: string;
  /** PGlite's data directory, when there is no `databaseUrl`. */
  dataDir?: string;
  /**
   * Runs the bundled server (`server/dist/server.js`, built by `npm run build:server`) as
   * `npm run start:prod` does, instead of the TypeScript sources through tsx.
   */
  compiled?: boolean;
  /** Fixed across restarts so clients reconnect to the same address; picked when absent. */
  port?: number;
  /** Extra environment, e.g. ALLOW_UNSAFE_DURABILITY for a negative control. */
  env?: Record<string, string>;
  /** How long a start may take before it counts as failed. */
  readyTimeoutMs?: number;
}

/**
 * The real server (`node --import tsx server/src/server.ts`, or the bundled one) as a child process, so faults hit
 * the same process a deployment runs: SIGKILL loses its memory, its sockets and its pool at once.
 * One port for the whole life of the harness; `start()` after `kill()` is a restart.
 */
export class ServerProcess {
  readonly baseUrl: string;
  readonly wsUrl: string;
  /** When each start became ready (epoch ms), in order. */
  readonly readyTimes: number[] = [];
  /** The child's last output lines, for failure messages. */
  readonly log: string[] = [];
  /** How each run ended, in order. */
  readonly exits: { code: number | null; signal: NodeJS.Signals | null }[] = [];
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();

  private constructor(
    readonly port: number,
    private readonly options: ServerProcessOptions,
  ) {
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.wsUrl = `ws://127.0.0.1:${port}/ws/exam`;
  }

  static async create(options: ServerProcessOptions): Promise<ServerProcess> {
    return new ServerProcess(options.port ?? (await freePort()), options);
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Spawns the server and resolves once `/readyz` answers 200, with the time that happened. */
  async start(): Promise<number> {
    if (this.child) throw new Error('server is already running');
    const entry = this.options.compiled
      ? ['--enable-source-maps', 'server/dist/server.js']
      : ['--import', 'tsx', 'server/src/server.ts'];
    const { DATABASE_URL: _inherited, ...environment } = process.env;
    const database = this.options.databaseUrl
      ? { DATABASE_URL: this.options.databaseUrl }
      : { DATA_DIR: this.options.dataDir ?? '' };
    const child = spawn(process.execPath, entry, {
      cwd: repoRoot,
      env: {
        ...environment,
        NODE_ENV: 'production',
        ...database,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        PUBLIC_ORIGIN: this.baseUrl,
        SEED_DEMO: 'false',
        AUDIT_SIGNING_KEY: auditSigningKey,
        TOTP_ENCRYPTION_KEY: totpEncryptionKey,
        LOG_LEVEL: 'warn',
        ...this.options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const onOutput = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim()) this.log.push(`[${child.pid}] ${line}`);
      }
      this.log.splice(0, Math.max(0, this.log.length - LOG_LINES_KEPT));
    };
    child.stdout?.on('data', onOutput);
    child.stderr?.on('data', onOutput);
    // A test process that dies must not leave a server holding the database open.
    const orphanGuard = () => child.kill('SIGKILL');
    process.once('exit', orphanGuard);
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        process.off('exit', orphanGuard);
        this.exits.push({ code, signal });
        this.log.push(`[${child.pid}] exited (code ${code}, signal ${signal})`);
        if (this.child === child) this.child = undefined;
        resolve();
      });
    });
    const readyAt = await this.waitReady(this.options.readyTimeoutMs ?? 30_000);
    this.readyTimes.push(readyAt);
    return readyAt;
  }

  private async waitReady(timeoutMs: number): Promise<number> {
    const giveUp = Date.now() + timeoutMs;
    while (Date.now() < giveUp) {
      if (!this.child) throw new Error(`server exited while starting:\n${this.tail()}`);
      try {
        const response = await fetch(`${this.baseUrl}/readyz`, {
          signal: AbortSignal.timeout(1000),
        });
        if (response.status === 200) return Date.now();
      } catch {
        // Not listening yet.
      }
      await sleep(50);
    }
    throw new Error(`server not ready within ${timeoutMs} ms:\n${this.tail()}`);
  }

  /** Sends the signal and waits until the process is gone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill(signal);
    await this.exited;
  }

  tail(lines = 30): string {
    return this.log.slice(-lines).join('\n');
  }
}
