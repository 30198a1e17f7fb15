import type { CurrentUser } from '@exam/shared/api';
import { hasAnyRole } from '@exam/shared/domain';
import type { Db } from '../../db/client.js';
import { isWithinScope } from '../../db/scope-filters.js';
import { AppError } from '../../lib/app-error.js';
import { scopeOf } from '../../lib/request-actor.js';
import type { AdmissionService, ProctoredSitting, RosterEntry } from '../sittings/index.js';

type Actor = Pick<CurrentUser, 'id' | 'roles' | 'association'>;

/**
 * Who may proctor what: the sitting's assigned proctors, and coordinators and admins of its
 * association. Every proctor action and the check-in panel ask here first.
 */
export function createProctorAccess(deps: { db: Db; admission: AdmissionService }) {
  const { db, admission } = deps;
  /**
   * The sitting, if the actor may watch and act on it. Another association's sitting answers
   * NOT_FOUND exactly like a missing one, before anything is read or changed.
   */
  async function sittingFor(actor: Actor, sittingId: string): Promise<ProctoredSitting> {
    const within = await isWithinScope(db, scopeOf(actor), 'sitting', sittingId);
    const sitting = within ? await admission.findSitting(sittingId) : undefined;
    if (!sitting) throw new AppError('NOT_FOUND', 'No such sitting.', 404);
    if (hasAnyRole(actor.roles, ['coordinator', 'admin'])) return sitting;
    if (actor.roles.includes('proctor') && (await admission.isAssignedProctor(sittingId, actor.id)))
      return sitting;
    throw new AppError('NOT_ASSIGNED', 'You are not assigned to proctor this sitting.', 403);
  }

  async function candidateFor(actor: Actor, enrolmentId: string): Promise<RosterEntry> {
    const within = await isWithinScope(db, scopeOf(actor), 'enrolment', enrolmentId);
    const entry = within ? await admission.rosterEntry(enrolmentId) : undefined;
    if (!entry) throw new AppError('NOT_FOUND', 'No such candidate.', 404);
    await sittingFor(actor, entry.sittingId);
    return entry;
  }

  return { sittingFor, candidateFor };
}
