import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { appendFile, chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './server-process.js';

const run = promisify(execFile);
const POSTGRES_USER = 'postgres';
/** The harness's own connections carry this name, so killing "the app's backends" spares them. */
export const HARNESS_APPLICATION_NAME = 'exam-faults-harness';

/** The newest PostgreSQL under /usr/lib/postgresql, or PG_BIN_DIR; throws a clear message when absent. */
export function postgresBinDir(): string {
  const fromEnv = process.env.PG_BIN_DIR;
  if (fromEnv) return fromEnv;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(path.join(root, v, 'bin', 'pg_ctl')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions[0]) {
    throw new Error(
      'Fault tests start their own PostgreSQL cluster and need its binaries: install postgresql ' +
        '(initdb and pg_ctl under /usr/lib/postgresql/<version>/bin) or set PG_BIN_DIR.',
    );
  }
  return path.join(root, versions[0], 'bin');
}

/**
 * PostgreSQL settings of every private cluster. The WAL writer flushes only every 10 s and never
 * by volume, and checkpoints wait: that changes nothing for synchronous commits (each flushes its
 * own WAL before it returns), but leaves asynchronous commits in shared memory until then, so the
 * negative control (synchronous_commit=off) reliably loses them in an immediate stop.
 */
const CLUSTER_SETTINGS = {
  listen_addresses: "'127.0.0.1'",
  max_connections: '100',
  wal_writer_delay: "'10s'",
  wal_writer_flush_after: "'1GB'",
  checkpoint_timeout: "'1h'",
  max_wal_size: "'4GB'",
  log_min_messages: 'warning',
  // Log times are read back (when did it accept connections again?): one zone, millisecond stamps.
  log_timezone: "'UTC'",
  log_line_prefix: "'%m [%p] '",
};

/**
 * A PostgreSQL cluster of its own for one fault run, in a temporary directory, on a free loopback
 * port: restarting or crashing it disturbs no other test and no other engineer. Runs as the
 * `postgres` OS user when the harness runs as root (PostgreSQL refuses to run as root).
 */
export class PrivateCluster {
  /** When each start finished and the cluster accepted connections (epoch ms). */
  readonly startTimes: number[] = [];
  private running = false;
  private readonly exitGuard = () => this.stopNowSync();

  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly bin: string,
  ) {}

  get dataDir(): string {
    return path.join(this.dir, 'data');
  }

  /** `postgres://…/<database>` on this cluster (trust authentication, loopback only). */
  url(database = 'postgres'): string {
    return `postgres://${POSTGRES_USER}@127.0.0.1:${this.port}/${database}`;
  }

  /** initdb into a fresh temporary directory, then start. */
  static async create(): Promise<PrivateCluster> {
    const bin = postgresBinDir();
    const dir = await mkdtemp(path.join(tmpdir(), 'exam-faults-pg-'));
    const cluster = new PrivateCluster(dir, await freePort(), bin);
    if (asRoot()) {
      const { stdout } = await run('id', ['-u', POSTGRES_USER]);
      const { stdout: group } = await run('id', ['-g', POSTGRES_USER]);
      await chown(dir, Number(stdout.trim()), Number(group.trim()));
    }
    // --no-sync only skips initdb's own fsync of the template files; the server itself runs with
    // fsync on, which is what the crash rounds test.
    await cluster.pg('initdb', [
      '-D',
      cluster.dataDir,
      '-U',
      POSTGRES_USER,
      '--auth=trust',
      '--encoding=UTF8',
      '--no-sync',
    ]);
    const settings = {
      ...CLUSTER_SETTINGS,
      port: String(cluster.port),
      unix_socket_directories: `'${dir}'`,
    };
    await appendFile(
      path.join(cluster.dataDir, 'postgresql.conf'),
      Object.entries(settings)
        .map(([name, value]) => `${name} = ${value}\n`)
        .join(''),
    );
    process.once('exit', cluster.exitGuard);
    await cluster.start();
    return cluster;
  }

  /**
   * Starts and waits until connections are accepted; returns when that happened, from the
   * server's own log (pg_ctl notices a little later, and on a busy machine much later).
   */
  async start(): Promise<number> {
    await this.pg('pg_ctl', [
      'start',
      '-D',
      this.dataDir,
      '-l',
      path.join(this.dir, 'postgres.log'),
      '-w',
      '-t',
      '60',
    ]);
    this.running = true;
    const at = (await this.lastReadyAt()) ?? Date.now();
    this.startTimes.push(at);
    return at;
  }

  /** When the log last said "ready to accept connections" (epoch ms). */
  private async lastReadyAt(): Promise<number | undefined> {
    const log = await readFile(path.join(this.dir, 'postgres.log'), 'utf8').catch(() => '');
    const ready = log
      .split('\n')
      .filter((line) => line.includes('ready to accept connections'))
      .at(-1);
    const stamp = ready?.match(/^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3}) UTC/);
    return stamp ? Date.parse(`${stamp[1]}T${stamp[2]}Z`) : undefined;
  }

  /**
   * A crash of the database: `pg_ctl -m immediate` kills every backend without a checkpoint or a
   * WAL flush, so the next start runs crash recovery. Returns when the postmaster is gone.
   */
  async stopImmediately(): Promise<number> {
    await this.pg('pg_ctl', ['stop', '-D', this.dataDir, '-m', 'immediate', '-w', '-t', '60']);
    this.running = false;
    return Date.now();
  }

  /**
   * Terminates every backend serving `database` except the harness's own: the app's pool loses
   * its connections mid-query. Returns how many were terminated.
   */
  async terminateBackends(database: string): Promise<number> {
    const client = new pg.Client({
      connectionString: this.url(),
      application_name: HARNESS_APPLICATION_NAME,
    });
    await client.connect();
    try {
      const result = await client.query<{ terminated: boolean }>(
        `SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
         WHERE datname = $1 AND pid <> pg_backend_pid() AND backend_type = 'client backend'
           AND application_name <> $2`,
        [database, HARNESS_APPLICATION_NAME],
      );
      return result.rows.filter((r) => r.terminated).length;
    } finally {
      await client.end();
    }
  }

  /** The last lines of the cluster's log, for failure messages. */
  async logTail(lines = 20): Promise<string> {
    const { stdout } = await run('tail', [`-n${lines}`, path.join(this.dir, 'postgres.log')]).catch(
      () => ({ stdout: '' }),
    );
    return stdout;
  }

  /** Stops (immediately: nothing in it is kept) and deletes the directory. */
  async destroy(): Promise<void> {
    if (this.running) await this.stopImmediately().catch(() => undefined);
    process.off('exit', this.exitGuard);
    await rm(this.dir, { recursive: true, force: true });
  }

  /** A test process that dies must not leave a postmaster behind. */
  private stopNowSync(): void {
    if (!this.running) return;
    const [command, args] = this.command('pg_ctl', ['stop', '-D', this.dataDir, '-m', 'immediate']);
    spawnSync(command, args, { stdio: 'ignore' });
  }

  private command(tool: string, args: string[]): [string, string[]] {
    const binary = path.join(this.bin, tool);
    return asRoot() ? ['runuser', ['-u', POSTGRES_USER, '--', binary, ...args]] : [binary, args];
  }

  private async pg(tool: string, args: string[]): Promise<void> {
    const [command, commandArgs] = this.command(tool, args);
    try {
      await run(command, commandArgs, { cwd: this.dir });
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new Error(`${tool} failed: ${detail}\n${await this.logTail()}`);
    }
  }
}

function asRoot(): boolean {
  return userInfo().uid === 0;
}
