import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';
import { attemptParts, attempts } from '../../db/schema/delivery.js';
import type { AttemptPartRow, AttemptRow } from './delivery.repo.js';

/** A part row as the creating statement returns it, in JSON: its timestamps are text. */
type PartJson = Omit<AttemptPartRow, 'startedAt' | 'deadlineAt' | 'closedAt'> &
  Record<'startedAt' | 'deadlineAt' | 'closedAt', string | null>;
const dateOrNull = (value: string | null) => (value === null ? null : new Date(value));

/** What findOrInsertAttempt found: the attempt it created with its parts, or the one there was. */
export type FoundOrCreated =
  | { created: true; attempt: AttemptRow; parts: AttemptPartRow[] }
  | { created: false; attempt: AttemptRow };

/** The existing attempt as the statement returns it, in JSON: its timestamp is text. */
type AttemptJson = Omit<AttemptRow, 'createdAt'> & { createdAt: string };

/**
 * The enrolment's attempt, created with both parts if there is none, in one statement (one round
 * trip, one commit: at the opening of a sitting every candidate creates theirs at once, and a
 * look for an existing one first was a second round trip each). A new attempt comes back with
 * its parts as written, so its context needs no read of them; an existing one as it is stored.
 * Undefined when a concurrent creator's attempt is not yet visible to this statement (it lost
 * the race to an insert that committed while it waited): the caller reads it again.
 */
export async function findOrInsertAttempt(
  tx: DbOrTx,
  attempt: Omit<typeof attempts.$inferInsert, 'id'> & { createdAt: Date },
  parts: Omit<typeof attemptParts.$inferInsert, 'attemptId'>[],
): Promise<FoundOrCreated | undefined> {
  const values = sql.join(
    parts.map(
      (p) =>
        // A part the enrolment does not sit (a retake by part) arrives already closed.
        sql`(${p.part}::smallint, ${p.baseLimitMs}::integer, ${p.timeMultiplier ?? 1}::double precision, ${p.extraMinutes ?? 0}::integer, ${p.closedStatus ?? null}::text, ${p.closedAt ? p.closedAt.toISOString() : null}::timestamptz, ${p.closedReason ?? null}::text)`,
    ),
    sql`, `,
  );
  const [row] = await queryRows<{
    id: string;
    parts: PartJson[] | null;
    existing: AttemptJson | null;
  }>(
    tx,
    sql`WITH created AS (
      INSERT INTO ${attempts} (enrolment_id, candidate_id, form_id, option_seed, vignette_set_id, created_at)
      VALUES (${attempt.enrolmentId}, ${attempt.candidateId}, ${attempt.formId}, ${attempt.optionSeed},
        ${attempt.vignetteSetId ?? null}, ${attempt.createdAt.toISOString()}::timestamptz)
      ON CONFLICT DO NOTHING RETURNING id
    ), parts AS (
      INSERT INTO ${attemptParts} (attempt_id, part, base_limit_ms, time_multiplier, extra_minutes,
        closed_status, closed_at, closed_reason)
      SELECT created.id, v.part, v.base_limit_ms, v.time_multiplier, v.extra_minutes,
        v.closed_status, v.closed_at, v.closed_reason
      FROM created, (VALUES ${values})
        AS v(part, base_limit_ms, time_multiplier, extra_minutes, closed_status, closed_at, closed_reason)
      RETURNING *
    )
    SELECT id, (SELECT json_agg(json_build_object('attemptId', p.attempt_id, 'part', p.part,
        'baseLimitMs', p.base_limit_ms, 'timeMultiplier', p.time_multiplier,
        'extraMinutes', p.extra_minutes, 'startedAt', p.started_at, 'deadlineAt', p.deadline_at,
        'paused', p.paused, 'closedStatus', p.closed_status, 'closedAt', p.closed_at,
        'closedReason', p.closed_reason, 'result', p.result, 'version', p.version) ORDER BY p.part)
      FROM parts p) AS parts, NULL::json AS existing
    FROM created
    UNION ALL
    SELECT a.id, NULL, json_build_object('id', a.id, 'enrolmentId', a.enrolment_id,
        'candidateId', a.candidate_id, 'formId', a.form_id, 'optionSeed', a.option_seed,
        'vignetteSetId', a.vignette_set_id, 'createdAt', a.created_at)
    FROM ${attempts} a
    WHERE a.enrolment_id = ${attempt.enrolmentId} AND NOT EXISTS (SELECT 1 FROM created)`,
  );
  if (!row) return undefined;
  if (row.existing) {
    const existing = row.existing;
    return { created: false, attempt: { ...existing, createdAt: new Date(existing.createdAt) } };
  }
  const { enrolmentId, candidateId, formId, optionSeed, createdAt } = attempt;
  return {
    created: true,
    attempt: {
      id: row.id,
      enrolmentId,
      candidateId,
      formId,
      optionSeed,
      vignetteSetId: attempt.vignetteSetId ?? null,
      createdAt,
    },
    parts: (row.parts ?? []).map((p) => ({
      ...p,
      startedAt: dateOrNull(p.startedAt),
      deadlineAt: dateOrNull(p.deadlineAt),
      closedAt: dateOrNull(p.closedAt),
    })),
  };
}
