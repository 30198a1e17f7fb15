import pg from 'pg';
import { CandidateFleet } from './candidate-fleet.js';
import { createFaultDatabase, seedOpenSitting } from './fault-database.js';
import { lossIn, verifyEverything } from './fault-rounds.js';
import { HARNESS_APPLICATION_NAME, type PrivateCluster } from './private-cluster.js';
import { ServerProcess } from './server-process.js';

export interface ControlReport {
  /** synchronous_commit as a session of the control database sees it: must be off. */
  synchronousCommit: string;
  /** Acknowledged answers and drafts missing after the crash that found loss (0 if none did). */
  lost: number;
  /** Loss found by each try, in order. */
  attempts: number[];
  /** Answers acknowledged before the last crash. */
  ackedSaves: number;
  details: string[];
}

/**
 * The negative control: the same crash against a database with synchronous_commit=off (the
 * server started with ALLOW_UNSAFE_DURABILITY, since it refuses such a database otherwise).
 * PostgreSQL then acknowledges commits before their WAL is written, so an immediate stop under
 * heavy load must lose acknowledged saves, and the same checks that find nothing missing in the
 * durable rounds must find them missing here. A crash can fall between two WAL writes and lose
 * nothing, so it is tried up to `tries` times before the control counts as blind.
 */
export async function runNegativeControl(
  cluster: PrivateCluster,
  options: { candidates?: number; tries?: number } = {},
): Promise<ControlReport> {
  const candidates = options.candidates ?? 40;
  const tries = options.tries ?? 3;
  const database = await createFaultDatabase(cluster.url(), { unsafe: true });
  const seats = await seedOpenSitting(database.database.db, candidates, { vignetteSets: true });
  const server = await ServerProcess.create({
    databaseUrl: database.url,
    env: { ALLOW_UNSAFE_DURABILITY: 'true' },
  });
  let fleet: CandidateFleet | undefined;
  try {
    await server.start();
    const synchronousCommit = await showSynchronousCommit(database.url);
    // Heavier than the durable rounds: a change every 20-60 ms, sent as fast as the server's
    // rate limit allows (a rate-limited socket only reconnects; the control checks loss alone).
    fleet = CandidateFleet.start(seats, (index) => ({
      url: server.wsUrl,
      origin: server.baseUrl,
      saveEveryMs: [20, 60],
      sendEveryMs: 30,
      ...(index % 2 === 1 ? { partTwo: { afterAnswers: 3, typeEveryMs: [40, 100] } } : {}),
    }));
    await fleet.waitAllResumed(0, 30_000);
    const attempts: number[] = [];
    for (let attempt = 1; attempt <= tries; attempt += 1) {
      await fleet.waitAcked(fleet.ackedCount, candidates * 10, 30_000);
      await cluster.stopImmediately();
      await cluster.start();
      const check = await verifyEverything({ database, fleet });
      const lost = lossIn(check);
      attempts.push(lost);
      if (lost > 0 || attempt === tries) {
        return {
          synchronousCommit,
          lost,
          attempts,
          ackedSaves: check.answers.ackedSaves,
          details: [...check.answers.details, ...check.drafts.details].slice(0, 10),
        };
      }
      console.log(`negative control: try ${attempt} lost nothing; crashing PostgreSQL again`);
    }
    throw new Error('unreachable: the last try always returns');
  } finally {
    fleet?.close();
    await server.kill();
    await database.database.close().catch(() => undefined);
  }
}

async function showSynchronousCommit(databaseUrl: string): Promise<string> {
  const client = new pg.Client({
    connectionString: databaseUrl,
    application_name: HARNESS_APPLICATION_NAME,
  });
  await client.connect();
  try {
    const result = await client.query<{ synchronous_commit: string }>('SHOW synchronous_commit');
    return result.rows[0]?.synchronous_commit ?? 'unknown';
  } finally {
    await client.end();
  }
}
