import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InspectorSession } from './inspector.js';
import { cpuSecondsOf } from './process-cpu.js';

/** Production refuses to start without an audit signing key; one per run, kept across restarts. */
const auditSigningKey = generateKeyPairSync('ed25519')
  .privateKey.export({ format: 'pem', type: 'pkcs8' })
  .toString();

/** Production on PostgreSQL refuses to start without a key for two-factor secrets; one per run. */
const totpEncryptionKey = randomBytes(32).toString('base64');

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const START_TIMEOUT_MS = 60_000;

export interface MemoryReading {
  /** Resident set size of the whole process, in bytes. */
  rss: number;
  /** V8 heap in use after a full collection, in bytes. */
  heapUsed: number;
}

export interface ServerProcess {
  pid: number;
  port: number;
  origin: string;
  /** Resident set size of the server process right now, in bytes (no collection). */
  rss(): number;
  /** CPU time (user + system) the server process has used so far, in seconds. */
  cpuSeconds(): number;
  /** Forces full garbage collections in the server, then reads its memory. */
  memory(): Promise<MemoryReading>;
  /** Lines the server logged at warn level or above. */
  warnings: string[];
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match?.[1]) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) * 1024;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

let serverBuilt = false;

/**
 * The server as deployed: bundled by `npm run build:server` (esbuild, under a second) and run
 * as the image and `npm run start:prod` run it. Under tsx (`npm start`, development) every
 * closure the server makes goes through esbuild's keepNames helper (`__name`), a cost no
 * deployment pays; the bench measured it at about a twentieth of the server's CPU in the essays.
 * Built once per bench run, so it is always the commit being measured.
 */
function builtServerEntry(): string[] {
  if (!serverBuilt) {
    execFileSync(process.execPath, ['scripts/build-server.mjs'], {
      cwd: repoRoot,
      stdio: 'ignore',
    });
    serverBuilt = true;
  }
  return ['--enable-source-maps', 'server/dist/server.js'];
}

/**
 * The real server as a child process (the bundle, see builtServerEntry), so its memory is its
 * own and measurable. It runs with production settings on the bench database; without
 * `messagesPerSecond` it keeps its own default per-connection message limit.
 */
export function startServer(options: {
  databaseUrl: string;
  messagesPerSecond?: number;
  /** A client build to serve (the client section); without it the server serves no pages. */
  clientDist?: string;
  /** Extra node flags, e.g. `--cpu-prof` to profile the server under the start spike. */
  nodeArgs?: string[];
}): Promise<ServerProcess> {
  return startNodeServer(
    builtServerEntry(),
    (port, origin) => ({
      NODE_ENV: 'production',
      DATABASE_URL: options.databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_ORIGIN: origin,
      SEED_DEMO: 'false',
      AUDIT_SIGNING_KEY: auditSigningKey,
      TOTP_ENCRYPTION_KEY: totpEncryptionKey,
      LOG_LEVEL: 'warn',
      CLIENT_DIST: options.clientDist ?? 'client/dist-none',
      ...(options.messagesPerSecond
        ? { WS_MESSAGES_PER_SECOND: String(options.messagesPerSecond) }
        : {}),
    }),
    options.nodeArgs,
  );
}

/** The essay section's Hocuspocus server (bench/hocuspocus-server.ts) as a child process. */
export function startHocuspocus(options: { databaseUrl: string }): Promise<ServerProcess> {
  return startNodeServer(['--import', 'tsx', 'bench/hocuspocus-server.ts'], (port) => ({
    NODE_ENV: 'production',
    DATABASE_URL: options.databaseUrl,
    PORT: String(port),
  }));
}

/** Runs node with `entry` (flags and script) on a free port; resolves once it prints "is up". */
async function startNodeServer(
  entry: string[],
  env: (port: number, origin: string) => Record<string, string>,
  nodeArgs: string[] = [],
): Promise<ServerProcess> {
  const script = entry.at(-1) ?? '';
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  // BENCH_SERVER_NODE: another node binary for the server (e.g. the production image's Node 24).
  const node = process.env.BENCH_SERVER_NODE || process.execPath;
  const child = spawn(node, ['--inspect=127.0.0.1:0', ...nodeArgs, ...entry], {
    cwd: repoRoot,
    env: { ...process.env, ...env(port, origin) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${script} did not start`);
  const warnings: string[] = [];
  let output = '';
  let inspectorUrl: string | undefined;

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not come up in ${START_TIMEOUT_MS} ms:\n${output}`));
    }, START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      inspectorUrl ??= /Debugger listening on (ws:\/\/\S+)/.exec(output)?.[1];
      if (text.includes('is up')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code} during start-up:\n${output}`));
    });
  });

  if (!inspectorUrl) throw new Error(`${script} printed no inspector address:\n${output}`);
  const inspector = inspectorUrl;
  // After start-up, keep what the server warns about (LOG_LEVEL=warn: one JSON line each).
  child.stdout?.removeAllListeners('data');
  child.stderr?.removeAllListeners('data');
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (line.trim() && !/^(Debugger|For help|Waiting for the debugger)/.test(line))
        warnings.push(line.trim());
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  return {
    pid,
    port,
    origin,
    rss: () => rssOf(pid),
    cpuSeconds: () => cpuSecondsOf(pid),
    async memory() {
      const session = await InspectorSession.open(inspector);
      try {
        await session.call('HeapProfiler.collectGarbage');
        await session.call('HeapProfiler.collectGarbage');
        const heapUsed = await session.evaluate<number>('process.memoryUsage().heapUsed');
        return { rss: rssOf(pid), heapUsed };
      } finally {
        session.close();
      }
    },
    warnings,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited(child);
      clearTimeout(timer);
    },
  };
}
