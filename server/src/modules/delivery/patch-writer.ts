import { compactSteps } from '@exam/shared/editor';
import type { Database } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { createGroupCommit, type GroupCommit } from './group-commit.js';
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
const SAVE_PATCHES_SQL = `
WITH input AS (
  SELECT * FROM unnest($1::uuid[], $2::smallint[], $3::integer[], $4::integer[], $5::text[],
    $8::integer[]) WITH ORDINALITY AS t(attempt_id, vignette, base, revision, steps, version, n)
), ${openPartsCte(2, { attemptIds: '$1', cutoff: '$6' })}, ins AS (
  INSERT INTO draft_patches (attempt_id, vignette, revision, base, steps, at)
  SELECT i.attempt_id, i.vignette, i.revision, i.base, i.steps::jsonb, $7::timestamptz
  FROM input i JOIN open_parts o ON o.attempt_id = i.attempt_id AND o.version = i.version
  ON CONFLICT DO NOTHING
  RETURNING attempt_id, vignette, revision
)
SELECT i.n::integer AS n, o.attempt_id IS NOT NULL AS open, ins.revision IS NOT NULL AS inserted
FROM input i
LEFT JOIN open_parts o ON o.attempt_id = i.attempt_id AND o.version = i.version
LEFT JOIN ins ON ins.attempt_id = i.attempt_id AND ins.vignette = i.vignette
  AND ins.revision = i.revision`;

export type PatchWriter = GroupCommit<PatchWrite, PatchOutcome>;

/** Part Two's draft patches, group-committed like Part One's answers. */
export function createPatchWriter(deps: {
  database: Pick<Database, 'raw'>;
  clock: Clock;
  graceMs: number;
}): PatchWriter {
  async function commit(batch: PatchWrite[]): Promise<PatchOutcome[]> {
    const now = deps.clock.now();
    const rows = await deps.database.raw<{ n: number; open: boolean; inserted: boolean }>(
      'save_draft_patches_v2',
      SAVE_PATCHES_SQL,
      [
        batch.map((p) => p.attemptId),
        batch.map((p) => p.vignette),
        batch.map((p) => p.base),
        batch.map((p) => p.revision),
        batch.map((p) => JSON.stringify(compactSteps(p.steps))),
        new Date(now.getTime() - deps.graceMs),
        now,
        batch.map((p) => p.version),
      ],
    );
    const outcomes: PatchOutcome[] = batch.map(() => 'closed');
    for (const row of rows) {
      // A frame sent twice in one batch: both rows are the one stored patch.
      outcomes[row.n - 1] = row.inserted ? 'stored' : row.open ? 'duplicate' : 'closed';
    }
    return outcomes;
  }
  return createGroupCommit({ name: 'draft-patches', commit });
}
