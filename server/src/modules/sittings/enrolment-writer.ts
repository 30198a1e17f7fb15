import type { CurrentUser } from '@exam/shared/api';
import type { Scope } from '../../db/association-scope.js';
import type { DbOrTx } from '../../db/client.js';
import type { ValidEnrolment } from './enrolment-plan.js';
import { enqueueSittingNotices, type SittingNoticeDeps } from './sitting-notices.js';
import type { SittingsDeps } from './sittings.deps.js';
import * as profilesRepo from './profiles.repo.js';
import * as enrolmentsRepo from './enrolments.repo.js';
import type * as sittingsRepo from './sittings.repo.js';

export type EnrolmentWriterDeps = Pick<SittingsDeps, 'clock' | 'audit' | 'users'> & {
  notices: SittingNoticeDeps;
};

/**
 * Invites missing accounts, brings profiles up to date and enrols, inside the caller's
 * transaction; rows held elsewhere are skipped (their holders are told after commit).
 */
export async function writeEnrolments(
  deps: EnrolmentWriterDeps,
  tx: DbOrTx,
  actor: CurrentUser,
  scope: Scope,
  sitting: sittingsRepo.SittingRow,
  rows: readonly ValidEnrolment[],
  source: 'one' | 'csv',
  /** A retake by part sits one part; both when absent. */
  parts?: readonly (1 | 2)[],
): Promise<string[]> {
  const sittingId = sitting.id;
  const ids: string[] = [];
  for (const row of rows) {
    if (row.heldElsewhere && row.existing) {
      // Only administrators read the audit log: the association's staff learn nothing here.
      await deps.audit.append(tx, {
        actorId: actor.id,
        action: 'enrolment.held_elsewhere',
        subjectType: 'user',
        subjectId: row.existing.id,
        details: { sittingId, associationId: sitting.associationId, source },
      });
      continue;
    }
    const candidate =
      row.existing ??
      (await deps.users.inviteWithin(tx, actor, {
        email: row.email,
        displayName: row.displayName,
        roles: ['candidate'],
        associationId: sitting.associationId,
      }));
    const before = await profilesRepo.findProfile(tx, scope, candidate.id);
    const profile = { endorsement: row.endorsement, category: row.category, track: row.track };
    await profilesRepo.upsertProfile(tx, scope, { userId: candidate.id, ...profile });
    const enrolment = await enrolmentsRepo.insertEnrolment(tx, scope, {
      sittingId,
      candidateId: candidate.id,
      examEndorsement: row.examEndorsement,
      category: row.category,
      track: row.track,
      enrolledAt: deps.clock.now(),
      enrolledBy: actor.id,
      ...(parts ? { parts: [...parts].sort() } : {}),
    });
    const changed =
      !before ||
      before.endorsement !== row.endorsement ||
      before.category !== row.category ||
      before.track !== row.track;
    await deps.audit.append(tx, {
      actorId: actor.id,
      action: 'enrolment.create',
      subjectType: 'enrolment',
      subjectId: enrolment.id,
      details: {
        sittingId,
        candidateId: candidate.id,
        examEndorsement: row.examEndorsement,
        source,
        ...(parts ? { parts } : {}),
        ...(changed
          ? {
              profileChanged: {
                from: before
                  ? {
                      endorsement: before.endorsement,
                      category: before.category,
                      track: before.track,
                    }
                  : null,
                to: profile,
              },
            }
          : {}),
      },
    });
    // Enrolled into a sitting already scheduled: the candidate hears of it now.
    if (sitting.status === 'scheduled') {
      await enqueueSittingNotices(deps.notices, tx, sitting, [enrolment], {
        kind: 'sitting-scheduled',
      });
    }
    ids.push(enrolment.id);
  }
  return ids;
}
