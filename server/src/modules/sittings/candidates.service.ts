import type {
  AccommodationsInput,
  CandidateSummary,
  CurrentUser,
  UserSummary,
} from '@exam/shared/api';
import type { Category, Endorsement, MentorTrack } from '@exam/shared/domain';
import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import { accommodationColumns, presentAccommodations } from './accommodations.js';
import { partAccommodations } from './seats.js';
import type { SittingsDeps } from './sittings.deps.js';
import * as profilesRepo from './profiles.repo.js';
import * as enrolmentsRepo from './enrolments.repo.js';
import { associationIdOf, withinScope, type Scope } from '../../db/association-scope.js';
import { enqueueAccommodationsApproved } from './sitting-notices.js';

type Deps = Pick<
  SittingsDeps,
  'db' | 'clock' | 'audit' | 'users' | 'accommodationLedger' | 'outbox' | 'publicOrigin'
>;

/** Why an accommodation's ledger entries were made: what is granted now, and the approval note. */
function ledgerReason(summary: string | null, notes: string | null): string {
  const what = `Accommodation approved: ${summary ?? 'none'}`;
  return notes ? `${what} (${notes})` : what;
}

/** Candidates and the accommodations on their profiles, which every sitting applies. */
export function createCandidatesService(deps: Deps) {
  const { db } = deps;

  async function present(
    tx: DbOrTx,
    scope: Scope,
    people: UserSummary[],
  ): Promise<CandidateSummary[]> {
    const profiles = await profilesRepo.findProfiles(
      tx,
      scope,
      people.map((p) => p.id),
    );
    const approverIds = profiles.flatMap((p) =>
      p.accommodationApprovedBy ? [p.accommodationApprovedBy] : [],
    );
    const approvers = new Map(
      (await deps.users.findByIds(tx, [...new Set(approverIds)])).map((u) => [u.id, u]),
    );
    const byUser = new Map(profiles.map((p) => [p.userId, p]));
    const now = deps.clock.now();
    return people.map((person) => {
      const profile = byUser.get(person.id);
      const approver = profile?.accommodationApprovedBy
        ? approvers.get(profile.accommodationApprovedBy)
        : undefined;
      return {
        id: person.id,
        email: person.email,
        displayName: person.displayName,
        profile: profile
          ? {
              endorsement: profile.endorsement as Endorsement,
              category: profile.category as Category,
              track: profile.track as MentorTrack | null,
            }
          : null,
        accommodations: profile
          ? presentAccommodations(
              profile,
              approver ? { id: approver.id, displayName: approver.displayName } : null,
              now,
            )
          : null,
      };
    });
  }

  /** A candidate of the scope's association (roles are read there), or not found. */
  async function candidateOrThrow(tx: DbOrTx, scope: Scope, id: string): Promise<UserSummary> {
    const [person] = await deps.users.findByIds(tx, [id], scope);
    if (!person || !person.roles.includes('candidate')) {
      throw new AppError('NOT_FOUND', 'No such candidate.', 404);
    }
    return person;
  }

  async function applyAccommodations(
    tx: DbOrTx,
    actor: Pick<CurrentUser, 'id'>,
    scope: Scope,
    id: string,
    input: AccommodationsInput,
  ): Promise<{ summary: CandidateSummary; attemptIds: string[]; reason: string }> {
    const person = await candidateOrThrow(tx, scope, id);
    const before = await profilesRepo.findProfile(tx, scope, id);
    if (!before) {
      throw new AppError(
        'NO_PROFILE',
        'This candidate has no endorsement on file yet: enrol them in a sitting first.',
        409,
      );
    }
    await profilesRepo.updateAccommodations(tx, scope, id, {
      ...accommodationColumns(input),
      accommodationApprovedBy: actor.id,
    });
    await deps.audit.append(tx, {
      actorId: actor.id,
      action: 'candidate.accommodations',
      subjectType: 'user',
      subjectId: id,
      details: {
        from: {
          timeMultiplier: before.timeMultiplier,
          extraMinutesPart1: before.extraMinutesPart1,
          extraMinutesPart2: before.extraMinutesPart2,
          breaks: before.breaks,
          largeText: before.largeText,
          highContrast: before.highContrast,
          validUntil: before.accommodationValidUntil?.toISOString() ?? null,
        },
        to: input,
      },
    });
    const [summary] = await present(tx, scope, [person]);
    if (!summary) throw new AppError('INTERNAL', 'The candidate could not be read back.', 500);
    await enqueueAccommodationsApproved(
      {
        outbox: deps.outbox,
        publicOrigin: deps.publicOrigin,
        contactsOf: (db, ids) => deps.users.mailContactsOf(db, ids),
      },
      tx,
      { id, associationId: associationIdOf(scope) },
      input,
      deps.clock.now(),
    );
    // An attempt already under way gets the change on its time ledger, in this transaction.
    const reason = ledgerReason(summary.accommodations?.summary ?? null, input.notes);
    const profile = await profilesRepo.findProfile(tx, scope, id);
    const attemptIds = await deps.accommodationLedger.record(tx, {
      enrolmentIds: await enrolmentsRepo.openEnrolmentIdsOf(tx, scope, id),
      accommodation: partAccommodations(profile, deps.clock.now()),
      actorId: actor.id,
      reason,
    });
    return { summary, attemptIds, reason };
  }

  return {
    /** Every account holding the candidate role, by name. */
    async listCandidates(scope: Scope): Promise<CandidateSummary[]> {
      const people = (await deps.users.list(scope))
        .filter((u) => u.roles.includes('candidate'))
        .sort((a, b) => a.displayName.localeCompare(b.displayName));
      return withinScope(db, scope, (tx) => present(tx, scope, people));
    },

    async getCandidate(scope: Scope, id: string): Promise<CandidateSummary> {
      return withinScope(db, scope, async (tx) => {
        const [summary] = await present(tx, scope, [await candidateOrThrow(tx, scope, id)]);
        if (!summary) throw new AppError('NOT_FOUND', 'No such candidate.', 404);
        return summary;
      });
    },

    /** Records accommodations, approved by the coordinator who saves them; audited with before and after. */
    async updateAccommodations(
      actor: CurrentUser,
      scope: Scope,
      id: string,
      input: AccommodationsInput,
    ): Promise<CandidateSummary> {
      const changed = await withinScope(db, scope, (tx) =>
        applyAccommodations(tx, actor, scope, id, input),
      );
      deps.accommodationLedger.announce(changed.attemptIds, changed.reason);
      return changed.summary;
    },

    /**
     * The same change inside the caller's transaction (an approved accommodation request commits
     * with its profile); the caller announces `attemptIds` with `reason` after commit.
     */
    applyAccommodations,

    /** The profile's accommodation fields as they are now, to keep what a request does not name. */
    async currentAccommodations(tx: DbOrTx, scope: Scope, id: string) {
      return (await profilesRepo.findProfile(tx, scope, id)) ?? null;
    },
  };
}
