import { compactSteps } from '@exam/shared/editor';
import type { Database } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { createGroupCommit, type GroupCommit, type QueueMerge } from '../../lib/group-commit.js';
import { openPartsCte } from './open-parts.sql.js';

export interface PatchWrite {
  attemptId: string;
  vignette: number;
  base: number;
  revision: number;
  steps: unknown[];
  /**
   * Part Two's version the patch was decided on (attempt_parts.version): stored only if it is
   * still current, so a clock moved by another instance is never overruled by a stale cache.
   */
  version: number;
  /**
   * Set when consecutive patches were folded into this one while it waited for its batch: the
   * revision and the running step count of each before the last (stored-steps.ts, PatchRow).
   */
  marks?: number[];
}

/**
 * stored: committed now. duplicate: a patch with this revision was stored before.
 * closed: Part Two is not open at the patch's version (not started, closed, past the deadline
 * and grace, or moved since: the caller rereads and decides again).
 */
export type PatchOutcome = 'stored' | 'duplicate' | 'closed';

// Exempt from "queries live in repos": this group-commit writer is its own repo. Its SQL is the
// whole write path (one statement per batch on the raw driver, acknowledged after commit, proved
// by the property test and crash rounds), and its batching and outcome sorting only make sense
// beside that statement; split into a repo it would be read in two places instead of one.
//
// One statement stores a whole batch, locking the open parts so a closing part waits for it
// (and then folds what it stored). A patch whose version is not the part's current one is not
// stored and comes back as not open. Rows come back numbered as they went in.
//
// The usual statement skips patches already stored with NOT EXISTS and a batch's repeats with
// DISTINCT ON, a plain insert: ON CONFLICT's speculative insertion logged a confirmation record
// for every row (48 of the ~400 bytes of WAL a patch cost). Only a patch committed by another
// batch or instance between the check and the insert makes it fail on the primary key; that
// batch, all or nothing, is then stored again by the ON CONFLICT form, with the same outcomes.
const savePatchesSql = (onConflict: boolean) => `
WITH input AS (
  SELECT * FROM unnest($1::uuid[], $2::smallint[], $3::integer[], $4::integer[], $5::text[],
    $8::integer[], $9::text[])
    WITH ORDINALITY AS t(attempt_id, vignette, base, revision, steps, version, marks, n)
), ${openPartsCte(2, { attemptIds: '$1', cutoff: '$6' })}, ins AS (
  INSERT INTO draft_patches (attempt_id, vignette, revision, base, steps, at, marks)
  SELECT ${onConflict ? '' : 'DISTINCT ON (i.attempt_id, i.vignette, i.revision) '}i.attempt_id,
    i.vignette, i.revision, i.base, i.steps::jsonb, $7::timestamptz, i.marks::integer[]
  FROM input i JOIN open_parts o ON o.attempt_id = i.attempt_id AND o.version = i.version
  ${
    onConflict
      ? 'ON CONFLICT DO NOTHING'
      : `WHERE NOT EXISTS (SELECT 1 FROM draft_patches d WHERE d.attempt_id = i.attempt_id
    AND d.vignette = i.vignette AND d.revision = i.revision)
  ORDER BY i.attempt_id, i.vignette, i.revision, i.n`
  }
  RETURNING attempt_id, vignette, revision
)
SELECT i.n::integer AS n, o.attempt_id IS NOT NULL AS open, ins.revision IS NOT NULL AS inserted
FROM input i
LEFT JOIN open_parts o ON o.attempt_id = i.attempt_id AND o.version = i.version
LEFT JOIN ins ON ins.attempt_id = i.attempt_id AND ins.vignette = i.vignette
  AND ins.revision = i.revision`;

const SAVE_PATCHES_SQL = savePatchesSql(false);
const SAVE_PATCHES_ON_CONFLICT_SQL = savePatchesSql(true);

const isUniqueViolation = (error: unknown) =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';

export type PatchWriter = GroupCommit<PatchWrite, PatchOutcome>;

/**
 * One batch at a time, and a batch waits this long for company. Each statement costs the server
 * a round trip (on this 2-core machine a write to PostgreSQL's socket is 100-250 us of CPU,
 * mostly waking its backend), whatever it carries: with up to four batches in flight and none
 * lingering, 250 editors' patches went as about 300 statements a second of one or two rows
 * each; with 10 ms they went as under 100, with 20 ms about 50, with 50 ms about 20 (issue 23,
 * bench/README.md). A patch is sent at most every DRAFT_PATCH_INTERVAL_MS (800 ms); 50 ms more
 * before its commit keeps a keystroke durable within a second of being typed (the bench's p99).
 */
const PATCH_LINGER_MS = 50;

/** Part Two's draft patches, group-committed like Part One's answers. */
export function createPatchWriter(deps: {
  database: Pick<Database, 'raw'>;
  clock: Clock;
  graceMs: number;
  /** Tests pass 0: a batch goes at the end of the event loop's turn. */
  lingerMs?: number;
}): PatchWriter {
  async function commit(batch: PatchWrite[]): Promise<PatchOutcome[]> {
    const now = deps.clock.now();
    const values = [
      batch.map((p) => p.attemptId),
      batch.map((p) => p.vignette),
      batch.map((p) => p.base),
      batch.map((p) => p.revision),
      batch.map((p) => JSON.stringify(compactSteps(p.steps))),
      new Date(now.getTime() - deps.graceMs),
      now,
      batch.map((p) => p.version),
      batch.map((p) => (p.marks ? `{${p.marks.join(',')}}` : null)),
    ];
    type Row = { n: number; open: boolean; inserted: boolean };
    const rows = await deps.database
      .raw<Row>('save_draft_patches_v4', SAVE_PATCHES_SQL, values)
      .catch((error: unknown) => {
        if (!isUniqueViolation(error)) throw error;
        return deps.database.raw<Row>(
          'save_draft_patches_on_conflict_v2',
          SAVE_PATCHES_ON_CONFLICT_SQL,
          values,
        );
      });
    const outcomes: PatchOutcome[] = batch.map(() => 'closed');
    for (const row of rows) {
      // A frame sent twice in one batch: both rows are the one stored patch.
      outcomes[row.n - 1] = row.inserted ? 'stored' : row.open ? 'duplicate' : 'closed';
    }
    return outcomes;
  }
  return createGroupCommit({
    name: 'draft-patches',
    commit,
    merge: consecutivePatches,
    maxInFlight: 1,
    lingerMs: deps.lingerMs ?? PATCH_LINGER_MS,
  });
}

/**
 * A connection's patch that arrives while its previous one still waits for a batch (the
 * database is busy) goes into the same row: one row, one index entry and one lock record
 * instead of one per patch. Only a patch that builds on the waiting one, at the same version,
 * is folded; both are acknowledged once that row commits.
 */
const consecutivePatches: QueueMerge<PatchWrite> = {
  key: (p) => `${p.attemptId}:${p.vignette}`,
  combine(waiting, next) {
    if (next.base !== waiting.revision || next.version !== waiting.version) return undefined;
    return {
      ...waiting,
      revision: next.revision,
      steps: [...waiting.steps, ...next.steps],
      marks: [...(waiting.marks ?? []), waiting.revision, waiting.steps.length],
    };
  },
};
