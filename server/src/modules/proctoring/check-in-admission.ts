import type { Scope } from '../../db/association-scope.js';
import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { ProctoredSitting, RosterEntry } from '../sittings/index.js';
import * as repo from './check-in.repo.js';

/**
 * Where identity is checked on evidence (remote sittings by default), only the check-in
 * decision admits: the plain admit is refused until the check-in says admitted.
 */
export async function assertIdentityChecked(
  tx: DbOrTx,
  scope: Scope,
  sitting: Pick<ProctoredSitting, 'identityCheck'>,
  entry: Pick<RosterEntry, 'enrolmentId' | 'name' | 'admittedAt'>,
): Promise<void> {
  if (!sitting.identityCheck || entry.admittedAt) return;
  const checkIn = await repo.find(tx, scope, entry.enrolmentId);
  if (checkIn?.status !== 'admitted')
    throw new AppError(
      'IDENTITY_CHECK_REQUIRED',
      `${entry.name} must be admitted from the identity check-in, with a reason.`,
    );
}

/** In person, the proctor's confirmation of the photo ID at admission is the check-in record. */
export async function recordInPersonCheckIn(
  tx: DbOrTx,
  scope: Scope,
  sitting: Pick<ProctoredSitting, 'id' | 'associationId' | 'remote' | 'identityCheck'>,
  enrolmentId: string,
  actorId: string,
  now: Date,
): Promise<void> {
  if (sitting.identityCheck) return;
  await repo.upsert(tx, scope, {
    enrolmentId,
    associationId: sitting.associationId,
    sittingId: sitting.id,
    mode: sitting.remote ? 'remote' : 'in-person',
    status: 'admitted',
    decisionReason: 'Photo ID checked against the roster name',
    decidedBy: actorId,
    decidedAt: now,
    updatedAt: now,
  });
}
