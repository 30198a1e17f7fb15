import { and, asc, eq, inArray, isNotNull, isNull, lt, max, sql } from 'drizzle-orm';
import { unnestOf } from '../../db/arrays.js';
import { queryRows, type DbOrTx } from '../../db/client.js';
import { preparedStatement } from '../../db/prepared.js';
import {
  answers,
  attemptEvents,
  attemptParts,
  attempts,
  clockEvents,
  instanceHeartbeats,
  serverHeartbeat,
} from '../../db/schema/delivery.js';

export type AttemptRow = typeof attempts.$inferSelect;
export type AttemptPartRow = typeof attemptParts.$inferSelect;
export type ClockEventRow = typeof clockEvents.$inferSelect;
export type AnswerRow = typeof answers.$inferSelect;

// Every hello asks it: built once (db/prepared.ts).
const attemptByEnrolment = preparedStatement((db) =>
  db
    .select()
    .from(attempts)
    .where(eq(attempts.enrolmentId, sql.placeholder('enrolmentId')))
    .prepare('attempt_by_enrolment'),
);

export async function findAttemptByEnrolment(db: DbOrTx, enrolmentId: string) {
  const [row] = await attemptByEnrolment(db, { enrolmentId });
  return row;
}

export async function findAttempt(db: DbOrTx, attemptId: string) {
  const rows = await db.select().from(attempts).where(eq(attempts.id, attemptId));
  return rows[0];
}

export function loadParts(db: DbOrTx, attemptId: string): Promise<AttemptPartRow[]> {
  return db
    .select()
    .from(attemptParts)
    .where(eq(attemptParts.attemptId, attemptId))
    .orderBy(asc(attemptParts.part));
}

export function loadClockEvents(
  db: DbOrTx,
  attemptId: string,
  part: number,
): Promise<ClockEventRow[]> {
  return db
    .select()
    .from(clockEvents)
    .where(and(eq(clockEvents.attemptId, attemptId), eq(clockEvents.part, part)))
    .orderBy(asc(clockEvents.id));
}

/** Every ledger entry of the attempt, both parts, oldest first. */
export function loadAllClockEvents(db: DbOrTx, attemptId: string): Promise<ClockEventRow[]> {
  return db
    .select()
    .from(clockEvents)
    .where(eq(clockEvents.attemptId, attemptId))
    .orderBy(asc(clockEvents.id));
}

export function loadAnswers(db: DbOrTx, attemptId: string): Promise<AnswerRow[]> {
  return db
    .select()
    .from(answers)
    .where(eq(answers.attemptId, attemptId))
    .orderBy(asc(answers.position));
}

export async function insertClockEvent(tx: DbOrTx, event: typeof clockEvents.$inferInsert) {
  await tx.insert(clockEvents).values(event);
}

export async function updatePartClock(
  tx: DbOrTx,
  attemptId: string,
  part: number,
  values: { startedAt?: Date; deadlineAt: Date | null; paused: boolean },
) {
  await tx
    .update(attemptParts)
    .set(values)
    .where(and(eq(attemptParts.attemptId, attemptId), eq(attemptParts.part, part)));
}

/** Locks the part row: a closing part waits for in-flight saves, and saves after it see it closed. */
export async function lockPart(tx: DbOrTx, attemptId: string, part: number) {
  const rows = await tx
    .select()
    .from(attemptParts)
    .where(and(eq(attemptParts.attemptId, attemptId), eq(attemptParts.part, part)))
    .for('update');
  return rows[0];
}

export async function closePart(
  tx: DbOrTx,
  attemptId: string,
  part: number,
  values: {
    closedStatus: string;
    closedAt: Date;
    closedReason: string;
    result: Record<string, unknown> | null;
  },
) {
  await tx
    .update(attemptParts)
    .set({ ...values, paused: false })
    .where(and(eq(attemptParts.attemptId, attemptId), eq(attemptParts.part, part)));
}

/** Parts whose deadline (plus grace) has passed and that nobody has closed yet. */
export function findExpiredParts(db: DbOrTx, cutoff: Date) {
  return db
    .select({ attemptId: attemptParts.attemptId, part: attemptParts.part })
    .from(attemptParts)
    .where(and(isNull(attemptParts.closedAt), lt(attemptParts.deadlineAt, cutoff)))
    .limit(500);
}

/** Parts whose clock is running now: an outage is credited to these. */
export function findRunningParts(db: DbOrTx) {
  return db
    .select({ attemptId: attemptParts.attemptId, part: attemptParts.part })
    .from(attemptParts)
    .where(
      and(
        isNull(attemptParts.closedAt),
        isNotNull(attemptParts.startedAt),
        eq(attemptParts.paused, false),
      ),
    );
}

export async function readHeartbeat(db: DbOrTx): Promise<Date | undefined> {
  const rows = await db.select().from(serverHeartbeat).where(eq(serverHeartbeat.id, 1));
  return rows[0]?.lastBeatAt;
}

export async function writeHeartbeat(db: DbOrTx, at: Date): Promise<void> {
  await db
    .insert(serverHeartbeat)
    .values({ id: 1, lastBeatAt: at })
    .onConflictDoUpdate({ target: serverHeartbeat.id, set: { lastBeatAt: at } });
}

export async function insertAttemptEvent(
  db: DbOrTx,
  event: typeof attemptEvents.$inferInsert,
): Promise<number> {
  const [row] = await db.insert(attemptEvents).values(event).returning({ id: attemptEvents.id });
  return row?.id ?? 0;
}

/**
 * Several events in one statement; their ids in the order given (identity values are drawn in
 * the order of the rows, so the ascending ids are the rows in order).
 */
export async function insertAttemptEvents(
  db: DbOrTx,
  events: (typeof attemptEvents.$inferInsert)[],
): Promise<number[]> {
  if (events.length === 0) return [];
  // Each column as one array parameter (db/arrays.ts): a batch of connection events is cheap.
  const rows = await queryRows<{ id: string | number }>(
    db,
    sql`INSERT INTO ${attemptEvents} (attempt_id, type, at, details)
      SELECT * FROM ${unnestOf(events, [
        ['attemptId', 'uuid'],
        ['type', 'text'],
        ['at', 'timestamptz'],
        ['details', 'jsonb'],
      ])}
      RETURNING id`,
  );
  return rows.map((row) => Number(row.id)).sort((a, b) => a - b);
}

/** The attempts of these enrolments (one each at most). */
export async function attemptIdsOf(db: DbOrTx, enrolmentIds: readonly string[]): Promise<string[]> {
  if (enrolmentIds.length === 0) return [];
  const rows = await db
    .select({ id: attempts.id })
    .from(attempts)
    .where(inArray(attempts.enrolmentId, [...enrolmentIds]));
  return rows.map((row) => row.id);
}

/** When the part closed; null while open, undefined when there is no such part. */
export async function partClosedAt(
  db: DbOrTx,
  attemptId: string,
  part: number,
): Promise<Date | null | undefined> {
  const [row] = await db
    .select({ closedAt: attemptParts.closedAt })
    .from(attemptParts)
    .where(and(eq(attemptParts.attemptId, attemptId), eq(attemptParts.part, part)));
  return row?.closedAt;
}

/** Replaces a closed part's stored result (a late change rescored it). */
export async function setPartResult(
  tx: DbOrTx,
  attemptId: string,
  part: number,
  result: AttemptPartRow['result'],
): Promise<void> {
  await tx
    .update(attemptParts)
    .set({ result })
    .where(and(eq(attemptParts.attemptId, attemptId), eq(attemptParts.part, part)));
}

/** This instance is alive (every instance beats, leader or not). */
export async function writeInstanceBeat(db: DbOrTx, instanceId: string, at: Date): Promise<void> {
  await db
    .insert(instanceHeartbeats)
    .values({ instanceId, beatAt: at })
    .onConflictDoUpdate({ target: instanceHeartbeats.instanceId, set: { beatAt: at } });
}

/** The latest beat of any instance: when the platform was last known to be serving. */
export async function latestInstanceBeat(db: DbOrTx): Promise<Date | undefined> {
  const [row] = await db.select({ at: max(instanceHeartbeats.beatAt) }).from(instanceHeartbeats);
  return row?.at ?? undefined;
}

/** The part's current version (attempt_parts.version), to check a cached copy against. */
export async function partVersion(
  db: DbOrTx,
  attemptId: string,
  part: number,
): Promise<number | undefined> {
  const [row] = await db
    .select({ version: attemptParts.version })
    .from(attemptParts)
    .where(and(eq(attemptParts.attemptId, attemptId), eq(attemptParts.part, part)));
  return row?.version;
}
