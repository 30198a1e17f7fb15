import type { Scope } from '../../db/association-scope.js';
import type { DbOrTx } from '../../db/client.js';
import { accommodationsInForce, accommodationSummary } from './accommodations.js';
import * as profilesRepo from './profiles.repo.js';

/**
 * The accommodations in force for each candidate, as the proctor console shows them beside the
 * roster: the summary (time, breaks, large text) and the notes (separate room, reader, other).
 */
export async function accommodationsOfCandidates(
  db: DbOrTx,
  scope: Scope,
  candidateIds: readonly string[],
  now: Date,
): Promise<Map<string, { summary: string | null; notes: string | null }>> {
  const profiles = await profilesRepo.findProfiles(db, scope, [...candidateIds]);
  return new Map(
    profiles
      .filter((p) => accommodationsInForce(p, now))
      .map((p) => [p.userId, { summary: accommodationSummary(p), notes: p.accommodationNotes }]),
  );
}
