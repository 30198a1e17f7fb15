import pg from 'pg';
import { materialiseEssay, type StoredPatch } from '@exam/shared/editor';
import type { FleetMember } from './candidate-fleet.js';
import { HARNESS_APPLICATION_NAME } from './private-cluster.js';
import { canonicalJson, draftDoc } from './sim-drafts.js';

export interface DraftCheck {
  /** Draft saves acknowledged (every revision acknowledged, over all vignettes). */
  acknowledgements: number;
  /** (attempt, vignette) pairs with at least one acknowledged revision. */
  ackedDrafts: number;
  /** Pairs whose stored revision is missing or below the highest acknowledged one. */
  lostDrafts: number;
  /** Stored documents that are not the revision they claim (equal revision, other content, etc.). */
  wrongContent: number;
  details: string[];
}

interface StoredResponse {
  candidate_id: string;
  vignette: number;
  revision: number;
  doc: unknown;
  /** Patches acknowledged since the stored draft, read in the same statement (one snapshot). */
  patches: StoredPatch[];
}

const MAX_DETAILS = 20;

/**
 * Checks in PostgreSQL that, per (attempt, vignette), `responses` with its later `draft_patches`
 * holds a revision at least the
 * highest acknowledged one, and that the stored document is exactly that revision's content (for
 * an equal revision, the acknowledged content). Acknowledgements are copied before the read, so
 * the check is safe under load: a stored revision only ever grows.
 */
export async function verifyAcknowledgedDrafts(
  databaseUrl: string,
  members: FleetMember[],
): Promise<DraftCheck> {
  const acked = members.map((m) => m.sim.drafts.ackedRevisions);
  const acknowledgements = members.reduce((sum, m) => sum + m.sim.drafts.ackCount, 0);
  const client = new pg.Client({
    connectionString: databaseUrl,
    application_name: HARNESS_APPLICATION_NAME,
  });
  await client.connect();
  let rows: StoredResponse[];
  try {
    rows = (
      await client.query<StoredResponse>(
        `SELECT a.candidate_id, r.vignette, r.revision, r.doc,
           (SELECT coalesce(json_agg(json_build_object(
                     'base', p.base, 'revision', p.revision, 'steps', p.steps, 'marks', p.marks)
                   ORDER BY p.revision),
                   '[]'::json)
            FROM draft_patches p
            WHERE p.attempt_id = r.attempt_id AND p.vignette = r.vignette
              AND p.revision > r.revision) AS patches
         FROM responses r JOIN attempts a ON a.id = r.attempt_id
         WHERE a.candidate_id = ANY($1::uuid[])`,
        [members.map((m) => m.seat.candidateId)],
      )
    ).rows;
  } finally {
    await client.end();
  }
  // What the server serves and grades: the stored draft with its later patches applied.
  const stored = new Map(
    rows.map((r) => {
      const current = r.patches.length > 0 ? materialiseEssay(r, r.patches) : undefined;
      return [`${r.candidate_id}:${r.vignette}`, current ? { ...r, ...current } : r];
    }),
  );
  const check: DraftCheck = {
    acknowledgements,
    ackedDrafts: 0,
    lostDrafts: 0,
    wrongContent: 0,
    details: [],
  };
  const note = (line: string) => {
    if (check.details.length < MAX_DETAILS) check.details.push(line);
  };

  members.forEach(({ seat, sim }, index) => {
    for (const [vignette, revision] of acked[index] ?? []) {
      check.ackedDrafts += 1;
      const row = stored.get(`${seat.candidateId}:${vignette}`);
      if (!row || row.revision < revision) {
        check.lostDrafts += 1;
        note(
          `${seat.email}: vignette ${vignette} acked at r${revision}, stored ${row ? `r${row.revision}` : 'nothing'}`,
        );
        continue;
      }
      // The stored revision was typed by this candidate, so its content is known exactly.
      const expected = canonicalJson(draftDoc(sim.drafts.author, vignette, row.revision));
      if (canonicalJson(row.doc) !== expected) {
        check.wrongContent += 1;
        note(
          `${seat.email}: vignette ${vignette} r${row.revision} (acked r${revision}) holds other content`,
        );
      }
    }
  });
  return check;
}
