import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';
import { attemptParts, attempts } from '../../db/schema/delivery.js';
import type { AttemptPartRow, AttemptRow } from './delivery.repo.js';

/** A part row as the creating statement returns it, in JSON: its timestamps are text. */
type PartJson = Omit<AttemptPartRow, 'startedAt' | 'deadlineAt' | 'closedAt'> &
  Record<'startedAt' | 'deadlineAt' | 'closedAt', string | null>;
const dateOrNull = (value: string | null) => (value === null ? null : new Date(value));

/**
 * Creates the attempt and both parts in one statement (one round trip, one commit: at the
 * opening of a sitting every candidate creates theirs at once) and returns the parts as
 * written, so a new attempt's context needs no read of them; a concurrent creator loses the
 * race and gets undefined, and no parts are written for it.
 */
export async function insertAttempt(
  tx: DbOrTx,
  attempt: Omit<typeof attempts.$inferInsert, 'id'> & { createdAt: Date },
  parts: Omit<typeof attemptParts.$inferInsert, 'attemptId'>[],
): Promise<{ attempt: AttemptRow; parts: AttemptPartRow[] } | undefined> {
  const values = sql.join(
    parts.map(
      (p) =>
        // A part the enrolment does not sit (a retake by part) arrives already closed.
        sql`(${p.part}::smallint, ${p.baseLimitMs}::integer, ${p.timeMultiplier ?? 1}::double precision, ${p.extraMinutes ?? 0}::integer, ${p.closedStatus ?? null}::text, ${p.closedAt ? p.closedAt.toISOString() : null}::timestamptz, ${p.closedReason ?? null}::text)`,
    ),
    sql`, `,
  );
  const [row] = await queryRows<{ id: string; parts: PartJson[] }>(
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
      FROM parts p) AS parts
    FROM created`,
  );
  if (!row) return undefined;
  const { enrolmentId, candidateId, formId, optionSeed, createdAt } = attempt;
  return {
    attempt: {
      id: row.id,
      enrolmentId,
      candidateId,
      formId,
      optionSeed,
      vignetteSetId: attempt.vignetteSetId ?? null,
      createdAt,
    },
    parts: row.parts.map((p) => ({
      ...p,
      startedAt: dateOrNull(p.startedAt),
      deadlineAt: dateOrNull(p.deadlineAt),
      closedAt: dateOrNull(p.closedAt),
    })),
  };
}
