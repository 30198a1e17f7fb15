import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { answerRowTable } from './baseline.js';
import { cpuSecondsOf, databaseCpuSeconds } from './process-cpu.js';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface PgbenchResult {
  clients: number;
  /** Transactions (each one autocommitted INSERT) per second, without connection time. */
  commitsPerSecond: number;
  /**
   * Shares of a core over the middle of the run (connections made, not yet closing): the
   * database's backends and pgbench's own process, to set beside the server's CPU per ack.
   */
  cpu: { database: number; pgbench: number } | undefined;
}

/** Debian's server binaries; PGBENCH overrides, PATH is the last resort. */
export function findPgbench(): string {
  const candidates = [
    process.env.PGBENCH,
    ...['17', '16', '15', '14'].map((v) => `/usr/lib/postgresql/${v}/bin/pgbench`),
  ].filter((path): path is string => typeof path === 'string' && path !== '');
  return candidates.find((path) => existsSync(path)) ?? 'pgbench';
}

// One single-row INSERT per transaction; a fresh uuid per row keeps the key unique.
const SCRIPT = `\\set position random(1, 60)
\\set choice random(0, 3)
INSERT INTO bench_pgbench (attempt_id, seq, position, choice, flagged) VALUES (gen_random_uuid(), :client_id, :position, :choice, false);
`;

/**
 * PostgreSQL's own load tool on the same database: `clients` connections committing one row each
 * per transaction (prepared statements, like the server's hot path) for `seconds`. The durable-ack
 * ceiling is reported against the best of these, as issue 23 asks.
 */
export async function pgbenchInserts(
  url: string,
  clients: number,
  seconds: number,
): Promise<PgbenchResult> {
  const setup = new pg.Client({ connectionString: url });
  await setup.connect();
  try {
    await setup.query(answerRowTable('bench_pgbench'));
  } finally {
    await setup.end();
  }
  const target = new URL(url);
  const dir = mkdtempSync(join(tmpdir(), 'pgbench-'));
  try {
    const script = join(dir, 'insert.sql');
    writeFileSync(script, SCRIPT);
    const running = run(
      findPgbench(),
      [
        '-n',
        '-M',
        'prepared',
        '-c',
        String(clients),
        '-j',
        String(Math.min(clients, 2)),
        '-T',
        String(Math.max(1, Math.round(seconds))),
        '-f',
        script,
        '-h',
        target.hostname,
        '-p',
        target.port || '5432',
        '-U',
        decodeURIComponent(target.username || 'postgres'),
        decodeURIComponent(target.pathname.slice(1)),
      ],
      { env: { ...process.env, PGPASSWORD: decodeURIComponent(target.password) } },
    );
    const cpu = middleCpu(running.child.pid, target.pathname.slice(1), seconds);
    const { stdout } = await running;
    return { clients, commitsPerSecond: parseTps(stdout), cpu: await cpu };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** CPU of pgbench and of its database's backends from 1 s in to 1 s before its end. */
async function middleCpu(
  pid: number | undefined,
  database: string,
  seconds: number,
): Promise<PgbenchResult['cpu']> {
  if (pid === undefined || seconds < 4) return undefined;
  const read = () => ({
    at: performance.now(),
    database: databaseCpuSeconds(database),
    pgbench: cpuSecondsOf(pid),
  });
  try {
    await sleep(1000);
    const first = read();
    await sleep((seconds - 2) * 1000);
    const last = read();
    const wall = (last.at - first.at) / 1000;
    return {
      database: (last.database - first.database) / wall,
      pgbench: (last.pgbench - first.pgbench) / wall,
    };
  } catch {
    return undefined; // pgbench ended early (it failed): its own error is what gets reported
  }
}

/** `tps = 12345.678901 (without initial connection time)`: the figure pgbench itself reports. */
export function parseTps(output: string): number {
  const match = /tps = ([\d.]+) \(without initial connection time\)/.exec(output);
  if (!match?.[1]) throw new Error(`pgbench printed no tps line:\n${output}`);
  return Number(match[1]);
}
