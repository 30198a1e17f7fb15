import pg from 'pg';
import { HARNESS_APPLICATION_NAME } from './private-cluster.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The sweeper's reason on the ledger (server/src/modules/delivery/sweeper.ts). */
const CREDIT_REASON = 'server outage credit%';

async function query<T extends pg.QueryResultRow>(
  databaseUrl: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const client = new pg.Client({
    connectionString: databaseUrl,
    application_name: HARNESS_APPLICATION_NAME,
  });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** Deadlines (epoch ms) of every running, unpaused part of these candidates, by "attempt:part". */
export async function runningDeadlines(
  databaseUrl: string,
  candidateIds: string[],
): Promise<Map<string, number>> {
  const rows = await query<{ key: string; deadline: string }>(
    databaseUrl,
    `SELECT p.attempt_id || ':' || p.part AS key,
            (extract(epoch FROM p.deadline_at) * 1000)::bigint::text AS deadline
     FROM attempt_parts p JOIN attempts a ON a.id = p.attempt_id
     WHERE a.candidate_id = ANY($1::uuid[]) AND p.started_at IS NOT NULL
       AND p.closed_at IS NULL AND NOT p.paused AND p.deadline_at IS NOT NULL`,
    [candidateIds],
  );
  return new Map(rows.map((r) => [r.key, Number(r.deadline)]));
}

/** Outage credits on the clock ledger after `since`, summed per "attempt:part" (ms). */
export async function creditsSince(
  databaseUrl: string,
  candidateIds: string[],
  since: number,
): Promise<Map<string, number>> {
  const rows = await query<{ key: string; ms: number }>(
    databaseUrl,
    `SELECT e.attempt_id || ':' || e.part AS key, sum(e.ms)::int AS ms
     FROM clock_events e JOIN attempts a ON a.id = e.attempt_id
     WHERE a.candidate_id = ANY($1::uuid[]) AND e.type = 'extend' AND e.reason LIKE $2
       AND e.at > $3::timestamptz
     GROUP BY 1`,
    [candidateIds, CREDIT_REASON, new Date(since)],
  );
  return new Map(rows.map((r) => [r.key, r.ms]));
}

export interface OutageCreditCheck {
  /** Parts running when the server died. */
  runningParts: number;
  /** Of those, parts with an outage credit on the ledger. */
  creditedParts: number;
  /** Credits (ms) that are further than the tolerance from the outage, or missing. */
  wrongCredits: number;
  /** Parts whose deadline did not move by exactly the credit on their ledger. */
  deadlineMismatches: number;
  /** Smallest and largest credit (ms). */
  creditRangeMs: [number, number];
  details: string[];
}

/**
 * Waits (bounded) until every part that was running when the server died has an outage credit
 * on its ledger, then checks each credit is within `creditRangeMs`, and that each
 * deadline moved by exactly its credit. `before` must be read while the server was down.
 */
export async function checkOutageCredit(options: {
  databaseUrl: string;
  candidateIds: string[];
  before: Map<string, number>;
  downSince: number;
  /** The credits an outage of this length may earn: see the test for how it is bounded. */
  creditRangeMs: readonly [number, number];
  timeoutMs: number;
}): Promise<OutageCreditCheck> {
  const { databaseUrl, candidateIds, before } = options;
  const giveUp = Date.now() + options.timeoutMs;
  let credits = await creditsSince(databaseUrl, candidateIds, options.downSince);
  while ([...before.keys()].some((key) => !credits.has(key)) && Date.now() < giveUp) {
    await sleep(250);
    credits = await creditsSince(databaseUrl, candidateIds, options.downSince);
  }
  const after = await runningDeadlines(databaseUrl, candidateIds);
  const check: OutageCreditCheck = {
    runningParts: before.size,
    creditedParts: 0,
    wrongCredits: 0,
    deadlineMismatches: 0,
    creditRangeMs: [Infinity, -Infinity],
    details: [],
  };
  const note = (line: string) => {
    if (check.details.length < 20) check.details.push(line);
  };
  for (const [key, deadline] of before) {
    const credit = credits.get(key);
    if (credit === undefined) {
      check.wrongCredits += 1;
      note(`${key}: no outage credit`);
      continue;
    }
    check.creditedParts += 1;
    check.creditRangeMs = [
      Math.min(check.creditRangeMs[0], credit),
      Math.max(check.creditRangeMs[1], credit),
    ];
    const [least, most] = options.creditRangeMs;
    if (credit < least || credit > most) {
      check.wrongCredits += 1;
      note(`${key}: credited ${credit} ms, expected ${least}-${most} ms`);
    }
    const moved = (after.get(key) ?? NaN) - deadline;
    if (moved !== credit) {
      check.deadlineMismatches += 1;
      note(`${key}: deadline moved ${moved} ms, ledger credits ${credit} ms`);
    }
  }
  return check;
}
