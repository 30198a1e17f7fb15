import { and, asc, eq, sql } from 'drizzle-orm';
import { arrayOf, unnestOf } from '../../db/arrays.js';
import type { DbOrTx } from '../../db/client.js';
import { attemptParts, clockEvents } from '../../db/schema/delivery.js';
import type { AttemptPartRow, ClockEventRow } from './delivery.repo.js';

/**
 * The statements of a batch of part starts (start-writer.ts): a few per batch instead of a few
 * per candidate. Every function takes the attempts of one part.
 */

/** Locks the parts, in key order so two batches never wait on each other in a cycle. */
export function lockParts(
  tx: DbOrTx,
  attemptIds: readonly string[],
  part: number,
): Promise<AttemptPartRow[]> {
  return tx
    .select()
    .from(attemptParts)
    .where(
      and(
        sql`${attemptParts.attemptId} = any(${arrayOf(attemptIds)}::uuid[])`,
        eq(attemptParts.part, part),
      ),
    )
    .orderBy(asc(attemptParts.attemptId))
    .for('update');
}

export async function insertClockEvents(
  tx: DbOrTx,
  events: (typeof clockEvents.$inferInsert)[],
): Promise<void> {
  if (events.length === 0) return;
  // Each column as one array parameter (db/arrays.ts): a start batch's entries are cheap.
  await tx.execute(sql`
    INSERT INTO ${clockEvents} (attempt_id, part, type, at, ms, reason, actor_id, incident_id)
    SELECT * FROM ${unnestOf(events, [
      ['attemptId', 'uuid'],
      ['part', 'smallint'],
      ['type', 'text'],
      ['at', 'timestamptz'],
      ['ms', 'integer'],
      ['reason', 'text'],
      ['actorId', 'uuid'],
      ['incidentId', 'uuid'],
    ])}`);
}

/** Every ledger entry of these attempts' part, oldest first. */
export function clockEventsOf(
  tx: DbOrTx,
  attemptIds: readonly string[],
  part: number,
): Promise<ClockEventRow[]> {
  return tx
    .select()
    .from(clockEvents)
    .where(
      and(
        sql`${clockEvents.attemptId} = any(${arrayOf(attemptIds)}::uuid[])`,
        eq(clockEvents.part, part),
      ),
    )
    .orderBy(asc(clockEvents.id));
}

/** Marks the parts started with their deadlines, in one statement; returns the rows after. */
export async function markStarted(
  tx: DbOrTx,
  part: number,
  startedAt: Date,
  clocks: readonly { attemptId: string; deadlineAt: Date | null; paused: boolean }[],
): Promise<AttemptPartRow[]> {
  if (clocks.length === 0) return [];
  return tx
    .update(attemptParts)
    .set({
      startedAt,
      deadlineAt: sql`v.deadline_at`,
      paused: sql`v.paused`,
    })
    .from(
      sql`${unnestOf(clocks, [
        ['attemptId', 'uuid'],
        ['deadlineAt', 'timestamptz'],
        ['paused', 'boolean'],
      ])} AS v(attempt_id, deadline_at, paused)`,
    )
    .where(and(eq(attemptParts.attemptId, sql`v.attempt_id`), eq(attemptParts.part, part)))
    .returning();
}
