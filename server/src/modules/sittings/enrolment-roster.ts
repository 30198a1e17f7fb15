import type { Enrolment } from '@exam/shared/api';
import { variantFor, type Category, type MentorTrack } from '@exam/shared/domain';
import type { Scope } from '../../db/association-scope.js';
import type { DbOrTx } from '../../db/client.js';
import { accommodationsInForce, accommodationSummary } from './accommodations.js';
import type { SittingsDeps } from './sittings.deps.js';
import * as profilesRepo from './profiles.repo.js';
import * as enrolmentsRepo from './enrolments.repo.js';

/**
 * A sitting's roster, read inside the caller's transaction. Attempt ids are added by the caller
 * after it: delivery reads outside any transaction (on PGlite a query outside a caller's
 * transaction waits forever).
 */
export async function readRoster(
  deps: Pick<SittingsDeps, 'clock' | 'users'>,
  tx: DbOrTx,
  scope: Scope,
  sittingId: string,
): Promise<Enrolment[]> {
  const rows = await enrolmentsRepo.enrolmentsOf(tx, scope, sittingId);
  const ids = rows.map((r) => r.candidateId);
  const people = new Map((await deps.users.findByIds(tx, ids)).map((u) => [u.id, u]));
  const profiles = new Map(
    (await profilesRepo.findProfiles(tx, scope, ids)).map((p) => [p.userId, p]),
  );
  const now = deps.clock.now();
  return rows
    .map((row): Enrolment => {
      const person = people.get(row.candidateId);
      const profile = profiles.get(row.candidateId);
      return {
        id: row.id,
        candidateId: row.candidateId,
        email: person?.email ?? '',
        displayName: person?.displayName ?? '',
        endorsement: (profile?.endorsement ?? row.examEndorsement) as Enrolment['endorsement'],
        examEndorsement: row.examEndorsement as Enrolment['examEndorsement'],
        category: row.category as Enrolment['category'],
        track: row.track as Enrolment['track'],
        variant: variantFor(row.category as Category, row.track as MentorTrack | null) ?? null,
        admitted: row.admittedAt !== null,
        enrolledAt: row.enrolledAt.toISOString(),
        accommodations:
          profile && accommodationsInForce(profile, now) ? accommodationSummary(profile) : null,
        attemptId: null,
        parts: row.parts.filter((p): p is 1 | 2 => p === 1 || p === 2),
      };
    })
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
}
