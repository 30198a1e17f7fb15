import type { Database } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { createGroupCommit, type GroupCommit } from '../../lib/group-commit.js';
import { openPartsCte } from './open-parts.sql.js';

export interface AnswerWrite {
  attemptId: string;
  seq: number;
  position: number;
  choice: number | null;
  flagged: boolean;
  /**
   * The part's version the save was decided on (attempt_parts.version): stored only if it is
   * still current, so a clock moved by another instance is never overruled by a stale cache.
   */
  version: number;
}

/**
 * stored: committed now. duplicate: this exact change was committed before (a replay).
 * conflict: the sequence number was already used for different content.
 * closed: the part is not open (not started, closed, or past the deadline and grace).
 */
export type WriteOutcome = 'stored' | 'duplicate' | 'conflict' | 'closed';

// Exempt from "queries live in repos": this group-commit writer is its own repo. Its SQL is the
// whole write path (one statement per batch on the raw driver, acknowledged after commit, proved
// by the property test and crash rounds), and its batching and outcome sorting only make sense
// beside that statement; split into a repo it would be read in two places instead of one.
//
// One statement stores a whole batch: it locks the open parts (so a closing part waits for it),
// logs every change, and moves the current answer only forward in sequence order. A save whose
// version is not the part's current one is not stored (the caller rereads and decides again).
// It returns the batch ordinal of each stored save (the first of identical saves in the batch),
// so the outcomes are matched by position, not by building and comparing (uuid, seq) strings.
export const SAVE_BATCH_SQL = `
WITH input AS (
  SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::smallint[], $4::smallint[], $5::boolean[],
    $8::integer[]) WITH ORDINALITY AS t(attempt_id, seq, position, choice, flagged, version, ord)
), ${openPartsCte(1, { attemptIds: '$1', cutoff: '$6' })}, ins AS (
  INSERT INTO answer_saves (attempt_id, seq, position, choice, flagged, saved_at)
  SELECT i.attempt_id, i.seq, i.position, i.choice, i.flagged, $7::timestamptz
  FROM input i JOIN open_parts o ON o.attempt_id = i.attempt_id AND o.version = i.version
  ON CONFLICT DO NOTHING
  RETURNING attempt_id, seq, position, choice, flagged
), latest AS (
  SELECT DISTINCT ON (attempt_id, position) * FROM ins ORDER BY attempt_id, position, seq DESC
), moved AS (
  INSERT INTO answers (attempt_id, position, choice, flagged, seq, updated_at)
  SELECT attempt_id, position, choice, flagged, seq, $7::timestamptz FROM latest
  ON CONFLICT (attempt_id, position) DO UPDATE
    SET choice = EXCLUDED.choice, flagged = EXCLUDED.flagged, seq = EXCLUDED.seq, updated_at = EXCLUDED.updated_at
    WHERE answers.seq < EXCLUDED.seq
  RETURNING 1
)
SELECT min(i.ord)::integer AS ord
FROM ins JOIN input i ON i.attempt_id = ins.attempt_id AND i.seq = ins.seq
  AND i.position = ins.position AND i.choice IS NOT DISTINCT FROM ins.choice
  AND i.flagged = ins.flagged
GROUP BY ins.attempt_id, ins.seq`;

const EXISTING_SQL = `
SELECT s.attempt_id, s.seq::text AS seq, s.position, s.choice, s.flagged
FROM answer_saves s
JOIN unnest($1::uuid[], $2::bigint[]) AS k(attempt_id, seq) USING (attempt_id, seq)`;

const key = (attemptId: string, seq: number | string) => `${attemptId}:${seq}`;

export type AnswerWriter = GroupCommit<AnswerWrite, WriteOutcome>;

/**
 * Part One's answers, group-committed (lib/group-commit.ts): a save is acknowledged only once the
 * batch holding it has committed. Saves the batch did not store are told apart afterwards.
 */
export function createAnswerWriter(deps: {
  database: Pick<Database, 'raw'>;
  clock: Clock;
  graceMs: number;
  maxInFlight?: number;
  maxBatch?: number;
}): AnswerWriter {
  async function commit(batch: AnswerWrite[]): Promise<WriteOutcome[]> {
    const now = deps.clock.now();
    const cutoff = new Date(now.getTime() - deps.graceMs);
    const rows = await deps.database.raw<{ ord: number }>('save_answers_v3', SAVE_BATCH_SQL, [
      batch.map((p) => p.attemptId),
      batch.map((p) => p.seq),
      batch.map((p) => p.position),
      batch.map((p) => p.choice),
      batch.map((p) => p.flagged),
      cutoff,
      now,
      batch.map((p) => p.version),
    ]);
    // A save the batch did not store (a replay, a reused sequence number, a closed part, or
    // the second of two saves with one sequence number in this batch) is told apart below.
    const outcomes: (WriteOutcome | undefined)[] = new Array(batch.length);
    for (const row of rows) outcomes[row.ord - 1] = 'stored';
    const others = batch.filter((_, i) => outcomes[i] === undefined);
    const classified = others.length > 0 ? await classify(others) : [];
    let next = 0;
    return batch.map((_, i) => outcomes[i] ?? (classified[next++] as WriteOutcome));
  }

  /** Tells replays from reused sequence numbers and from saves to closed parts. */
  async function classify(batch: AnswerWrite[]): Promise<WriteOutcome[]> {
    const existing = await deps.database.raw<{
      attempt_id: string;
      seq: string;
      position: number;
      choice: number | null;
      flagged: boolean;
    }>('existing_answer_saves_v1', EXISTING_SQL, [
      batch.map((p) => p.attemptId),
      batch.map((p) => p.seq),
    ]);
    const byKey = new Map(existing.map((row) => [key(row.attempt_id, row.seq), row]));
    return batch.map((save) => {
      const row = byKey.get(key(save.attemptId, save.seq));
      if (!row) return 'closed';
      const same =
        row.position === save.position &&
        row.choice === save.choice &&
        row.flagged === save.flagged;
      return same ? 'duplicate' : 'conflict';
    });
  }

  return createGroupCommit({
    name: 'answers',
    commit,
    maxInFlight: deps.maxInFlight,
    maxBatch: deps.maxBatch,
  });
}
