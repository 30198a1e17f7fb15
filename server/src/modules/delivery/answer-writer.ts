import type { Database } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';

export interface AnswerWrite {
  attemptId: string;
  seq: number;
  position: number;
  choice: number | null;
  flagged: boolean;
}

/**
 * stored: committed now. duplicate: this exact change was committed before (a replay).
 * conflict: the sequence number was already used for different content.
 * closed: the part is not open (not started, closed, or past the deadline and grace).
 */
export type WriteOutcome = 'stored' | 'duplicate' | 'conflict' | 'closed';

// One statement stores a whole batch: it locks the open parts (so a closing part waits for it),
// logs every change, and moves the current answer only forward in sequence order.
const SAVE_BATCH_SQL = `
WITH input AS (
  SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::smallint[], $4::smallint[], $5::boolean[])
    AS t(attempt_id, seq, position, choice, flagged)
), open_parts AS (
  SELECT attempt_id FROM attempt_parts
  WHERE part = 1 AND attempt_id = ANY($1::uuid[]) AND started_at IS NOT NULL AND closed_at IS NULL
    AND (deadline_at IS NULL OR deadline_at >= $6::timestamptz)
  FOR SHARE
), ins AS (
  INSERT INTO answer_saves (attempt_id, seq, position, choice, flagged, saved_at)
  SELECT i.attempt_id, i.seq, i.position, i.choice, i.flagged, $7::timestamptz
  FROM input i JOIN open_parts USING (attempt_id)
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
SELECT attempt_id, seq::text AS seq FROM ins`;

const EXISTING_SQL = `
SELECT s.attempt_id, s.seq::text AS seq, s.position, s.choice, s.flagged
FROM answer_saves s
JOIN unnest($1::uuid[], $2::bigint[]) AS k(attempt_id, seq) USING (attempt_id, seq)`;

interface Pending extends AnswerWrite {
  resolve(outcome: WriteOutcome): void;
  reject(error: unknown): void;
}

const key = (attemptId: string, seq: number | string) => `${attemptId}:${seq}`;

export type AnswerWriter = ReturnType<typeof createAnswerWriter>;

/**
 * Group commit: saves that arrive while a batch is committing wait and go together in the next
 * one, so concurrent candidates share commits. Each save is resolved only after its batch has
 * committed, so an acknowledgement always means "in PostgreSQL".
 */
export function createAnswerWriter(deps: {
  database: Pick<Database, 'raw'>;
  clock: Clock;
  graceMs: number;
  maxInFlight?: number;
  maxBatch?: number;
}) {
  const maxInFlight = deps.maxInFlight ?? 4;
  const maxBatch = deps.maxBatch ?? 500;
  let queue: Pending[] = [];
  let inFlight = 0;

  async function commit(batch: Pending[]): Promise<void> {
    const now = deps.clock.now();
    const cutoff = new Date(now.getTime() - deps.graceMs);
    const rows = await deps.database.raw<{ attempt_id: string; seq: string }>(
      'save_answers_v1',
      SAVE_BATCH_SQL,
      [
        batch.map((p) => p.attemptId),
        batch.map((p) => p.seq),
        batch.map((p) => p.position),
        batch.map((p) => p.choice),
        batch.map((p) => p.flagged),
        cutoff,
        now,
      ],
    );
    const stored = new Set(rows.map((r) => key(r.attempt_id, r.seq)));
    const storedNow = new Set<string>();
    const others: Pending[] = [];
    for (const pending of batch) {
      const k = key(pending.attemptId, pending.seq);
      // The first of two identical saves in one batch is the stored one; the second is a replay.
      if (stored.has(k) && !storedNow.has(k)) {
        storedNow.add(k);
        pending.resolve('stored');
      } else {
        others.push(pending);
      }
    }
    if (others.length > 0) await classify(others);
  }

  /** Tells replays from reused sequence numbers and from saves to closed parts. */
  async function classify(batch: Pending[]): Promise<void> {
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
    for (const pending of batch) {
      const row = byKey.get(key(pending.attemptId, pending.seq));
      if (!row) pending.resolve('closed');
      else if (
        row.position === pending.position &&
        row.choice === pending.choice &&
        row.flagged === pending.flagged
      ) {
        pending.resolve('duplicate');
      } else pending.resolve('conflict');
    }
  }

  function pump(): void {
    while (inFlight < maxInFlight && queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      inFlight += 1;
      commit(batch)
        .catch((error: unknown) => {
          for (const pending of batch) pending.reject(error);
        })
        .finally(() => {
          inFlight -= 1;
          pump();
        });
    }
  }

  return {
    write(save: AnswerWrite): Promise<WriteOutcome> {
      return new Promise<WriteOutcome>((resolve, reject) => {
        queue.push({ ...save, resolve, reject });
        // Defer to the end of this tick so saves arriving together share a batch.
        if (queue.length === 1) queueMicrotask(pump);
      });
    },
    /** Waits until every queued save has been committed or failed. */
    async drain(): Promise<void> {
      while (queue.length > 0 || inFlight > 0) await new Promise((r) => setTimeout(r, 5));
    },
  };
}
