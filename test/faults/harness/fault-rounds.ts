import type { CandidateFleet } from './candidate-fleet.js';
import type { FaultDatabase } from './fault-database.js';
import type { PrivateCluster } from './private-cluster.js';
import type { ServerProcess } from './server-process.js';
import { verifyAcknowledgedDrafts, type DraftCheck } from './verify-drafts.js';
import { verifyAcknowledgedSaves, type SaveCheck } from './verify-saves.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Issue 7: every candidate resumes within 10 s of the server (or its database) being back. */
export const RESUME_LIMIT_MS = 10_000;

/**
 * server-kill: SIGKILL the server, restart it. postgres-restart: stop PostgreSQL in immediate
 * mode (a crash), start it again. backend-kill: pg_terminate_backend on the app's connections.
 * both: SIGKILL the server and crash PostgreSQL at once, then bring both back.
 */
export type FaultKind = 'server-kill' | 'postgres-restart' | 'backend-kill' | 'both';

export interface FaultEnvironment {
  cluster: PrivateCluster;
  database: FaultDatabase;
  server: ServerProcess;
  fleet: CandidateFleet;
}

export interface RoundReport {
  kind: FaultKind;
  /** How long PostgreSQL was down, for the rounds that stop it. */
  downMs?: number;
  /**
   * Acknowledgements received while PostgreSQL was down for saves sent after it went down:
   * nothing can have stored those, so this must be 0.
   */
  acksWhileDown?: number;
  /**
   * Acknowledgements received while it was down for saves sent before: commits that completed
   * just before the crash, whose acknowledgements were still on their way. Allowed.
   */
  acksInTransit?: number;
  /** Backends terminated, for backend-kill. */
  terminatedBackends?: number;
  /** Slowest candidate's first acknowledged save after the fault was over (ms). */
  worstResumeMs: number;
  /** The whole round, load and checks included (ms). */
  tookMs: number;
  answers: SaveCheck;
  drafts: DraftCheck;
}

/** Acknowledged changes missing or overtaken by older content, answers and drafts together. */
export function lossIn(report: { answers: SaveCheck; drafts: DraftCheck }): number {
  return (
    report.answers.lostSaves +
    report.answers.staleAnswers +
    report.drafts.lostDrafts +
    report.drafts.wrongContent
  );
}

/** Both checks of every acknowledged change, read directly from PostgreSQL. */
export async function verifyEverything(env: Pick<FaultEnvironment, 'database' | 'fleet'>) {
  const [answers, drafts] = await Promise.all([
    verifyAcknowledgedSaves(env.database.url, env.fleet.members),
    verifyAcknowledgedDrafts(env.database.url, env.fleet.members),
  ]);
  return { answers, drafts };
}

/**
 * One round under load: wait for steady saving, strike at no particular moment, bring
 * everything back, measure how soon every candidate has a save acknowledged again, wait for the
 * outboxes to drain, and check every acknowledged change in PostgreSQL.
 */
export async function runFaultRound(
  env: FaultEnvironment,
  kind: FaultKind,
  options: { downMs: number },
): Promise<RoundReport> {
  const { cluster, server, fleet } = env;
  const began = Date.now();
  await fleet.waitAcked(fleet.ackedCount, fleet.members.length * 5, 20_000);
  await sleep(Math.random() * 500);

  const struckAt = Date.now();
  let backAt: number;
  let down: { from: number; to: number } | undefined;
  let terminatedBackends: number | undefined;
  switch (kind) {
    case 'server-kill':
      await server.kill('SIGKILL');
      backAt = await server.start();
      break;
    case 'postgres-restart': {
      const from = await cluster.stopImmediately();
      await sleep(options.downMs);
      const to = await cluster.start();
      down = { from, to };
      backAt = to;
      break;
    }
    case 'backend-kill':
      terminatedBackends = await cluster.terminateBackends(env.database.name);
      backAt = Date.now();
      break;
    case 'both': {
      const [, from] = await Promise.all([server.kill('SIGKILL'), cluster.stopImmediately()]);
      await sleep(options.downMs);
      down = { from, to: await cluster.start() };
      backAt = await server.start();
      break;
    }
  }

  const resumed = await explained(env, fleet.waitAllAckedAfter(backAt, RESUME_LIMIT_MS + 5_000));
  if (kind === 'server-kill' || kind === 'both') {
    // The server died, so every candidate must have reconnected (been welcomed again) too.
    await explained(env, fleet.waitAllResumed(struckAt, RESUME_LIMIT_MS + 5_000));
  }
  const worstResumeMs = Math.max(0, ...resumed.map((at) => at - backAt));
  await explained(env, fleet.waitCaughtUp(fleet.members.length * 2, 30_000));
  return {
    kind,
    ...(down
      ? {
          downMs: down.to - down.from,
          ...acksDuring(fleet, down),
        }
      : {}),
    ...(terminatedBackends === undefined ? {} : { terminatedBackends }),
    worstResumeMs,
    ...(await verifyEverything(env)),
    tookMs: Date.now() - began,
  };
}

/** Acknowledgements during a PostgreSQL outage, split by whether their save was sent before it. */
function acksDuring(fleet: CandidateFleet, down: { from: number; to: number }) {
  const { total, sentAfterFrom } = fleet.acksBetween(down.from, down.to);
  return { acksWhileDown: sentAfterFrom, acksInTransit: total - sentAfterFrom };
}

/** Adds what the server and PostgreSQL last said to a failed wait: was the server even up? */
async function explained<T>(env: FaultEnvironment, wait: Promise<T>): Promise<T> {
  try {
    return await wait;
  } catch (error) {
    const state = env.server.running ? 'The server is running' : 'The server is NOT running';
    const serverLog = env.server
      .tail(15)
      .split('\n')
      .map((line) => line.slice(0, 300))
      .join('\n');
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}\n${state}; its last output:\n` +
        `${serverLog}\nPostgreSQL's last output:\n${await env.cluster.logTail(10)}`,
    );
  }
}

/** One line per round, for the summary and for failure messages. */
export function describeRound(report: RoundReport, index: number): string {
  const parts = [
    `round ${index + 1} ${report.kind}:`,
    `${report.answers.ackedSaves} answers and ${report.drafts.acknowledgements} drafts acked so far,`,
    `${lossIn(report)} lost,`,
    `worst resume ${report.worstResumeMs} ms`,
    `(round took ${report.tookMs} ms)`,
  ];
  if (report.downMs !== undefined) {
    parts.push(
      `(PostgreSQL down ${report.downMs} ms; acks meanwhile: ${report.acksWhileDown} for saves ` +
        `sent while down, ${report.acksInTransit} in transit from before)`,
    );
  }
  if (report.terminatedBackends !== undefined) {
    parts.push(`(${report.terminatedBackends} backends terminated)`);
  }
  return parts.join(' ');
}
