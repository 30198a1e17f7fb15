import { sql } from 'drizzle-orm';
import { unnestOf } from '../../db/arrays.js';
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

/** One attempt to find or create, with the parts it is created with. */
export interface AttemptToOpen {
  attempt: Omit<typeof attempts.$inferInsert, 'id'> & { createdAt: Date };
  parts: Omit<typeof attemptParts.$inferInsert, 'attemptId'>[];
}

/**
 * The enrolments' attempts, each created with its parts if there is none, in one statement for
 * the whole batch (one round trip, one commit: at the opening of a sitting every candidate
 * creates theirs at once, and a statement each was a third of the spike's statements). A new
 * attempt comes back with its parts as written, so its context needs no read of them; an
 * existing one as it is stored. Where several ask for one enrolment, the first creates it and
 * the others find it. Undefined for one whose concurrent creator's attempt is not yet visible to
 * this statement (it lost the race to an insert that committed while it waited): the caller
 * reads it again.
 */
export async function findOrInsertAttempts(
  tx: DbOrTx,
  asked: readonly AttemptToOpen[],
): Promise<(FoundOrCreated | undefined)[]> {
  if (asked.length === 0) return [];
  const attemptRows = asked.map((a) => a.attempt);
  const parts = asked.flatMap((a) =>
    a.parts.map((p) => ({
      ...p,
      enrolmentId: a.attempt.enrolmentId,
      timeMultiplier: p.timeMultiplier ?? 1,
      extraMinutes: p.extraMinutes ?? 0,
    })),
  );
  const rows = await queryRows<{
    enrolment_id: string;
    id: string;
    parts: PartJson[] | null;
    existing: AttemptJson | null;
  }>(
    tx,
    sql`WITH input AS (
      SELECT * FROM ${unnestOf(attemptRows, [
        ['enrolmentId', 'uuid'],
        ['candidateId', 'uuid'],
        ['formId', 'uuid'],
        ['optionSeed', 'integer'],
        ['vignetteSetId', 'uuid'],
        ['createdAt', 'timestamptz'],
      ])}
        WITH ORDINALITY AS t(enrolment_id, candidate_id, form_id, option_seed, vignette_set_id, created_at, n)
    ), created AS (
      INSERT INTO ${attempts} (enrolment_id, candidate_id, form_id, option_seed, vignette_set_id, created_at)
      SELECT DISTINCT ON (enrolment_id) enrolment_id, candidate_id, form_id, option_seed,
        vignette_set_id, created_at
      FROM input ORDER BY enrolment_id, n
      ON CONFLICT DO NOTHING RETURNING id, enrolment_id
    ), part_input AS (
      -- A part the enrolment does not sit (a retake by part) arrives already closed.
      SELECT DISTINCT ON (enrolment_id, part) * FROM ${unnestOf(parts, [
        ['enrolmentId', 'uuid'],
        ['part', 'smallint'],
        ['baseLimitMs', 'integer'],
        ['timeMultiplier', 'double precision'],
        ['extraMinutes', 'integer'],
        ['closedStatus', 'text'],
        ['closedAt', 'timestamptz'],
        ['closedReason', 'text'],
      ])}
        WITH ORDINALITY AS p(enrolment_id, part, base_limit_ms, time_multiplier, extra_minutes,
          closed_status, closed_at, closed_reason, n)
      ORDER BY enrolment_id, part, n
    ), parts AS (
      INSERT INTO ${attemptParts} (attempt_id, part, base_limit_ms, time_multiplier, extra_minutes,
        closed_status, closed_at, closed_reason)
      SELECT created.id, v.part, v.base_limit_ms, v.time_multiplier, v.extra_minutes,
        v.closed_status, v.closed_at, v.closed_reason
      FROM created JOIN part_input v ON v.enrolment_id = created.enrolment_id
      RETURNING *
    )
    SELECT c.enrolment_id, c.id, (SELECT json_agg(json_build_object('attemptId', p.attempt_id,
        'part', p.part, 'baseLimitMs', p.base_limit_ms, 'timeMultiplier', p.time_multiplier,
        'extraMinutes', p.extra_minutes, 'startedAt', p.started_at, 'deadlineAt', p.deadline_at,
        'paused', p.paused, 'closedStatus', p.closed_status, 'closedAt', p.closed_at,
        'closedReason', p.closed_reason, 'result', p.result, 'version', p.version) ORDER BY p.part)
      FROM parts p WHERE p.attempt_id = c.id) AS parts, NULL::json AS existing
    FROM created c
    UNION ALL
    SELECT a.enrolment_id, a.id, NULL, json_build_object('id', a.id, 'enrolmentId', a.enrolment_id,
        'candidateId', a.candidate_id, 'formId', a.form_id, 'optionSeed', a.option_seed,
        'vignetteSetId', a.vignette_set_id, 'createdAt', a.created_at)
    FROM ${attempts} a
    WHERE a.enrolment_id IN (SELECT enrolment_id FROM input)
      AND a.enrolment_id NOT IN (SELECT enrolment_id FROM created)`,
  );
  const byEnrolment = new Map(rows.map((row) => [row.enrolment_id, row]));
  /** The attempts this statement created, as the first who asked for each wrote them. */
  const created = new Map<string, AttemptRow>();
  return asked.map(({ attempt: wanted }) => {
    const row = byEnrolment.get(wanted.enrolmentId);
    if (!row) return undefined;
    if (row.existing) {
      const existing = row.existing;
      return { created: false, attempt: { ...existing, createdAt: new Date(existing.createdAt) } };
    }
    // Created for the first who asked; the others find it as it was created.
    const earlier = created.get(wanted.enrolmentId);
    if (earlier) return { created: false, attempt: earlier };
    const { enrolmentId, candidateId, formId, optionSeed, createdAt } = wanted;
    const attempt: AttemptRow = {
      id: row.id,
      enrolmentId,
      candidateId,
      formId,
      optionSeed,
      vignetteSetId: wanted.vignetteSetId ?? null,
      createdAt,
    };
    created.set(enrolmentId, attempt);
    return {
      created: true,
      attempt,
      parts: (row.parts ?? []).map((p) => ({
        ...p,
        startedAt: dateOrNull(p.startedAt),
        deadlineAt: dateOrNull(p.deadlineAt),
        closedAt: dateOrNull(p.closedAt),
      })),
    };
  });
}
