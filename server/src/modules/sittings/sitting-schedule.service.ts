import type {
  CurrentUser,
  SittingDetail,
  SittingInput,
  SittingPerson,
  SittingReadinessResponse,
  SittingStatus,
  SittingSummary,
} from '@exam/shared/api';
import { withinScope, type Scope } from '../../db/association-scope.js';
import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import { actingAssociationOf } from '../../lib/request-actor.js';
import { sittingReadiness } from './readiness.js';
import { assertContent, assertProctors, columnsOf, gapsOf } from './sitting-input.js';
import { enqueueSittingNotices, type SittingNoticeDeps } from './sitting-notices.js';
import { acceptsProctorChanges, assertTransition, isEditable } from './sitting-status.js';
import type { SittingsDeps } from './sittings.deps.js';
import { presentSittingDetail, presentSittingSummary } from './sittings.presenters.js';
import * as enrolmentsRepo from './enrolments.repo.js';
import * as sittingsRepo from './sittings.repo.js';

type Deps = Pick<
  SittingsDeps,
  | 'db'
  | 'clock'
  | 'audit'
  | 'users'
  | 'forms'
  | 'vignettes'
  | 'outbox'
  | 'publicOrigin'
  | 'proctorsChanged'
>;

function notFound(): AppError {
  return new AppError('NOT_FOUND', 'No such sitting.', 404);
}

/** Creating, editing, listing sittings and moving them through their states, all audited. */
export function createSittingSchedule(deps: Deps) {
  const { db } = deps;
  const notices: SittingNoticeDeps = {
    outbox: deps.outbox,
    publicOrigin: deps.publicOrigin,
    contactsOf: (db, ids) => deps.users.mailContactsOf(db, ids),
  };

  async function proctorsOf(tx: DbOrTx, scope: Scope, sittingId: string): Promise<SittingPerson[]> {
    const ids = await sittingsRepo.proctorIdsOf(tx, scope, sittingId);
    const people = await deps.users.findByIds(tx, ids);
    return people
      .map(({ id, displayName, email }) => ({ id, displayName, email }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName));
  }

  async function detail(
    tx: DbOrTx,
    scope: Scope,
    row: sittingsRepo.SittingRow,
  ): Promise<SittingDetail> {
    const enrolled = await enrolmentsRepo.countEnrolments(tx, scope, row.id);
    return presentSittingDetail(row, enrolled, await proctorsOf(tx, scope, row.id));
  }

  async function lockOrThrow(tx: DbOrTx, scope: Scope, id: string) {
    const row = await sittingsRepo.lockSitting(tx, scope, id);
    if (!row) throw notFound();
    return row;
  }

  return {
    async listSittings(scope: Scope): Promise<SittingSummary[]> {
      const rows = await withinScope(db, scope, (tx) => sittingsRepo.listSittings(tx, scope));
      return rows.map((r) => presentSittingSummary(r.sitting, r.enrolled));
    },

    async getSitting(scope: Scope, id: string): Promise<SittingDetail> {
      return withinScope(db, scope, async (tx) => {
        const row = await sittingsRepo.findSitting(tx, scope, id);
        if (!row) throw notFound();
        return detail(tx, scope, row);
      });
    },

    async createSitting(
      actor: CurrentUser,
      scope: Scope,
      input: SittingInput,
    ): Promise<SittingDetail> {
      const { associationId } = actingAssociationOf(actor);
      await assertContent(deps, input);
      return withinScope(db, scope, async (tx) => {
        const proctorIds = await assertProctors(deps, tx, associationId, input.proctorIds);
        const row = await sittingsRepo.insertSitting(tx, scope, {
          ...columnsOf(input),
          associationId,
          status: 'draft',
          updatedAt: deps.clock.now(),
        });
        await sittingsRepo.replaceProctors(tx, scope, row.id, proctorIds);
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'sitting.create',
          subjectType: 'sitting',
          subjectId: row.id,
          details: { ...input, proctorIds },
        });
        return detail(tx, scope, row);
      });
    },

    async updateSitting(
      actor: CurrentUser,
      scope: Scope,
      id: string,
      input: SittingInput,
    ): Promise<SittingDetail> {
      await assertContent(deps, input);
      const updated = await withinScope(db, scope, async (tx) => {
        const before = await lockOrThrow(tx, scope, id);
        if (!isEditable(before.status as SittingStatus)) {
          throw new AppError(
            'SITTING_LOCKED',
            `A sitting that is ${before.status} can no longer be edited.`,
            409,
          );
        }
        const proctorIds = await assertProctors(deps, tx, before.associationId, input.proctorIds);
        const row = await sittingsRepo.updateSitting(tx, scope, id, {
          ...columnsOf(input),
          updatedAt: deps.clock.now(),
        });
        await sittingsRepo.replaceProctors(tx, scope, id, proctorIds);
        const gaps = gapsOf(row);
        if (before.status === 'scheduled' && gaps) {
          throw new AppError('SITTING_INCOMPLETE', `A scheduled sitting needs ${gaps}.`, 409);
        }
        const previousStartsAt = before.startsAt;
        if (
          before.status === 'scheduled' &&
          previousStartsAt &&
          row.startsAt &&
          previousStartsAt.getTime() !== row.startsAt.getTime()
        ) {
          // The calendar entry's SEQUENCE must grow with every move; the time of the change in
          // seconds does, without a counter column.
          const sequence = Math.floor(deps.clock.now().getTime() / 1000);
          await enqueueSittingNotices(
            notices,
            tx,
            row,
            await enrolmentsRepo.enrolmentsOf(tx, scope, id),
            { kind: 'sitting-moved', previousStartsAt, sequence },
          );
        }
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'sitting.update',
          subjectType: 'sitting',
          subjectId: id,
          details: { ...input, proctorIds },
        });
        return detail(tx, scope, row);
      });
      deps.proctorsChanged?.();
      return updated;
    },

    /** Proctors may change until the sitting closes, unlike the rest of it. */
    async setSittingProctors(
      actor: CurrentUser,
      scope: Scope,
      id: string,
      proctorIds: readonly string[],
    ): Promise<SittingDetail> {
      const changed = await withinScope(db, scope, async (tx) => {
        const row = await lockOrThrow(tx, scope, id);
        if (!acceptsProctorChanges(row.status as SittingStatus)) {
          throw new AppError('SITTING_LOCKED', `The sitting is ${row.status}.`, 409);
        }
        const from = await sittingsRepo.proctorIdsOf(tx, scope, id);
        const to = await assertProctors(deps, tx, row.associationId, proctorIds);
        await sittingsRepo.replaceProctors(tx, scope, id, to);
        const updated = await sittingsRepo.updateSitting(tx, scope, id, {
          updatedAt: deps.clock.now(),
        });
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'sitting.proctors',
          subjectType: 'sitting',
          subjectId: id,
          details: { from, to },
        });
        return detail(tx, scope, updated);
      });
      // A proctor taken off the sitting stops watching its dashboard now, not at the upgrade.
      deps.proctorsChanged?.();
      return changed;
    },

    async sittingReadiness(scope: Scope, id: string): Promise<SittingReadinessResponse> {
      const bankForms = await deps.forms.listForms();
      return withinScope(db, scope, async (tx) => {
        const row = await sittingsRepo.findSitting(tx, scope, id);
        if (!row) throw notFound();
        return sittingReadiness(deps, tx, scope, row, bankForms);
      });
    },

    /**
     * Moves a sitting along its state machine. Scheduling needs a date, place and cycle; opening
     * needs a form and a vignette set for every enrolled candidate.
     */
    async transitionSitting(
      actor: { id: string | null },
      scope: Scope,
      id: string,
      to: SittingStatus,
      /** Why, when the clock or an override moved it (kept in the audit entry). */
      why?: Record<string, unknown>,
    ): Promise<SittingDetail> {
      const bankForms = to === 'open' ? await deps.forms.listForms() : [];
      return withinScope(db, scope, async (tx) => {
        const row = await lockOrThrow(tx, scope, id);
        const from = row.status as SittingStatus;
        assertTransition(from, to);
        const gaps = to === 'scheduled' ? gapsOf(row) : null;
        if (gaps) {
          throw new AppError('SITTING_INCOMPLETE', `Before scheduling, give ${gaps}.`, 409);
        }
        if (to === 'open') {
          const readiness = await sittingReadiness(deps, tx, scope, row, bankForms);
          if (!readiness.ready) {
            throw new AppError(
              'SITTING_NOT_READY',
              `The sitting cannot open: ${readiness.problems.map((p) => p.message).join(' ')}`,
              409,
              { problems: readiness.problems },
            );
          }
        }
        const updated = await sittingsRepo.updateSitting(tx, scope, id, {
          status: to,
          updatedAt: deps.clock.now(),
        });
        if (to === 'scheduled') {
          await enqueueSittingNotices(
            notices,
            tx,
            updated,
            await enrolmentsRepo.enrolmentsOf(tx, scope, id),
            { kind: 'sitting-scheduled' },
          );
        }
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'sitting.status',
          subjectType: 'sitting',
          subjectId: id,
          details: { from, to, ...why },
        });
        return detail(tx, scope, updated);
      });
    },
  };
}
