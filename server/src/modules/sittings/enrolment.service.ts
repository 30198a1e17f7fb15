import type {
  CurrentUser,
  Enrolment,
  EnrolmentImportReport,
  EnrolmentImportRequest,
  EnrolOneRequest,
  EnrolOneResponse,
  InvitedCandidate,
  SittingStatus,
} from '@exam/shared/api';
import { associationScope, withinScope, type Scope } from '../../db/association-scope.js';
import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import { letterheadOf } from '../auth/index.js';
import { parseEnrolmentCsv, type CsvEnrolmentRow } from './enrolment-csv.js';
import { planEnrolments, type ValidEnrolment } from './enrolment-plan.js';
import { readRoster } from './enrolment-roster.js';
import { acceptsEnrolment } from './sitting-status.js';
import { writeEnrolments } from './enrolment-writer.js';
import type { SittingNoticeDeps } from './sitting-notices.js';
import type { SittingsDeps } from './sittings.deps.js';
import * as enrolmentsRepo from './enrolments.repo.js';
import * as sittingsRepo from './sittings.repo.js';

type Deps = Pick<
  SittingsDeps,
  'db' | 'clock' | 'audit' | 'users' | 'attempts' | 'outbox' | 'publicOrigin' | 'bookingOfEnrolment'
>;

function assertEnrols(sitting: { status: string }) {
  if (!acceptsEnrolment(sitting.status as SittingStatus)) {
    throw new AppError(
      'SITTING_LOCKED',
      `Candidates are enrolled before a sitting opens; this one is ${sitting.status}.`,
      409,
    );
  }
}

/** The reason a roster removal gives the booking it withdraws (the audit entry keeps it). */
export const ROSTER_REMOVAL_REASON = 'removed from the roster';

/**
 * Enrolling candidates one at a time or from a CSV file, and the sitting's roster.
 *
 * A new address gets an account with no password and an invitation to choose one (nobody ever
 * sees a made-up password). An address whose account only another association holds is answered
 * exactly like a new one, but nothing is attached to that account: joining an association is the
 * holder's decision, so the holder is mailed (in the programme's name, outside the association's
 * Mail page) and may ask to be added. What the coordinator can still notice is that the address
 * never appears on the roster; they learn no name, association or anything else about it.
 */
export function createEnrolmentService(deps: Deps) {
  const { db } = deps;
  const notices: SittingNoticeDeps = {
    outbox: deps.outbox,
    publicOrigin: deps.publicOrigin,
    contactsOf: (db, ids) => deps.users.mailContactsOf(db, ids),
  };
  const writer = { clock: deps.clock, audit: deps.audit, users: deps.users, notices };

  /** Locks the sitting and refuses enrolment changes once it has opened. */
  async function lockForEnrolment(tx: DbOrTx, scope: Scope, sittingId: string) {
    const sitting = await sittingsRepo.lockSitting(tx, scope, sittingId);
    if (!sitting) throw new AppError('NOT_FOUND', 'No such sitting.', 404);
    assertEnrols(sitting);
    return sitting;
  }

  /** The roster of a sitting in the scope, or not found. */
  async function rosterOrThrow(tx: DbOrTx, scope: Scope, sittingId: string) {
    if (!(await sittingsRepo.findSitting(tx, scope, sittingId))) {
      throw new AppError('NOT_FOUND', 'No such sitting.', 404);
    }
    return readRoster(deps, tx, scope, sittingId);
  }

  /** Who the answer says was invited: new addresses and those held elsewhere, alike. */
  function invitedOf(rows: readonly ValidEnrolment[]): InvitedCandidate[] {
    return rows.filter((r) => !r.existing || r.heldElsewhere).map((r) => ({ email: r.email }));
  }

  /**
   * After commit, tells each holder of an account elsewhere that this association asked: in the
   * programme's name (no association), so the asking association's Mail page does not list it.
   */
  async function tellHolders(
    scope: Scope,
    sitting: sittingsRepo.SittingRow,
    rows: readonly ValidEnrolment[],
  ): Promise<void> {
    const held = rows.filter((r) => r.heldElsewhere);
    if (held.length === 0 || !deps.outbox) return;
    const letterhead = await withinScope(db, scope, (tx) =>
      letterheadOf(tx, sitting.associationId),
    );
    for (const row of held) {
      await deps.outbox.enqueue({
        to: row.email,
        associationId: null,
        template: {
          kind: 'enrolment-held-elsewhere',
          requestedBy: letterhead?.name ?? 'An association',
          sittingName: sitting.name,
        },
      });
    }
  }

  async function enrolledAs(tx: DbOrTx, scope: Scope, sittingId: string, id: string | undefined) {
    const enrolment = (await readRoster(deps, tx, scope, sittingId)).find((e) => e.id === id);
    if (!enrolment) throw new AppError('INTERNAL', 'The enrolment was not stored.', 500);
    return enrolment;
  }

  return {
    async listEnrolments(scope: Scope, sittingId: string): Promise<Enrolment[]> {
      const roster = await withinScope(db, scope, (tx) => rosterOrThrow(tx, scope, sittingId));
      const attemptIds = await deps.attempts.attemptIdsByEnrolment(roster.map((e) => e.id));
      return roster.map((e) => ({ ...e, attemptId: attemptIds.get(e.id) ?? null }));
    },

    /**
     * Enrols one candidate: one of the association's, or by email. An email whose account belongs
     * to another association only is enrolled like a new one (no password: it has one), joining
     * this association; the answer says nothing else about it. `alsoInTransaction` runs in the
     * enrolment's transaction before it commits (a retake's approval decides its request there,
     * so a decline that wins the race leaves no enrolment behind).
     */
    async enrolOne(
      actor: CurrentUser,
      scope: Scope,
      sittingId: string,
      input: EnrolOneRequest,
      alsoInTransaction?: (tx: DbOrTx, response: EnrolOneResponse) => Promise<void>,
    ): Promise<EnrolOneResponse> {
      const sitting = await sittingsRepo.findSitting(db, scope, sittingId);
      if (!sitting) throw new AppError('NOT_FOUND', 'No such sitting.', 404);
      const here = associationScope(sitting.associationId);
      let email: string;
      let displayName = '';
      if (input.candidate.kind === 'existing') {
        const [person] = await deps.users.findByIds(db, [input.candidate.candidateId], here);
        if (!person) throw new AppError('NOT_FOUND', 'No such candidate.', 404);
        email = person.email;
      } else {
        email = input.candidate.email;
        displayName = input.candidate.displayName;
        if ((await deps.users.findByEmails(db, [email], here)).length > 0) {
          throw new AppError(
            'ALREADY_EXISTS',
            'An account with this email already exists: choose it from the candidates instead.',
            409,
          );
        }
      }
      const row: CsvEnrolmentRow = {
        line: 1,
        email,
        emailValid: true,
        displayName,
        endorsement: input.endorsement,
        category: input.category,
        track: input.track,
        examEndorsement: input.examEndorsement,
        errors: [],
      };
      const options = { createAccounts: input.candidate.kind === 'new' };
      const outcome = await withinScope(db, scope, async (tx) => {
        const locked = await lockForEnrolment(tx, scope, sittingId);
        const plan = await planEnrolments(deps, tx, scope, locked, [row], options);
        const problems = plan.report[0]?.errors ?? [];
        if (problems.length > 0) {
          throw new AppError('ENROLMENT_INVALID', problems.join(' '), 400, { errors: problems });
        }
        const [id] = await writeEnrolments(
          writer,
          tx,
          actor,
          scope,
          locked,
          plan.valid,
          'one',
          input.parts,
        );
        const invited = invitedOf(plan.valid)[0] ?? null;
        // A new address answers without its enrolment, so one held elsewhere answers the same.
        const response: EnrolOneResponse = invited
          ? { enrolment: null, invited }
          : { enrolment: await enrolledAs(tx, scope, sittingId, id), invited: null };
        await alsoInTransaction?.(tx, response);
        return { plan, locked, response };
      });
      await tellHolders(scope, outcome.locked, outcome.plan.valid);
      return outcome.response;
    },

    /**
     * Validates a CSV file row by row and, when asked to commit and every row is valid, enrols them
     * all in one transaction. Any error anywhere: nothing is saved, and the report says why.
     */
    async importEnrolments(
      actor: CurrentUser,
      scope: Scope,
      sittingId: string,
      input: EnrolmentImportRequest,
    ): Promise<EnrolmentImportReport> {
      const sitting = await sittingsRepo.findSitting(db, scope, sittingId);
      if (!sitting) throw new AppError('NOT_FOUND', 'No such sitting.', 404);
      const parsed = parseEnrolmentCsv(input.csv);
      const options = { createAccounts: input.createAccounts };
      const preview = await planEnrolments(deps, db, scope, sitting, parsed.rows, options);
      const report = (committed: boolean, plan = preview, invited: InvitedCandidate[] = []) => ({
        committed,
        fileErrors: parsed.fileErrors,
        rows: plan.report,
        validCount: plan.valid.length,
        errorCount: plan.errorCount,
        invited,
      });
      const clean = parsed.fileErrors.length === 0 && preview.errorCount === 0;
      if (!input.commit || !clean) return report(false);

      const outcome = await withinScope(db, scope, async (tx) => {
        const locked = await lockForEnrolment(tx, scope, sittingId);
        // Checked again under the lock: someone may have enrolled a candidate meanwhile.
        const plan = await planEnrolments(deps, tx, scope, locked, parsed.rows, options);
        if (plan.errorCount > 0) return { locked, plan, report: report(false, plan) };
        await writeEnrolments(writer, tx, actor, scope, locked, plan.valid, 'csv');
        const invited = invitedOf(plan.valid);
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'enrolment.import',
          subjectType: 'sitting',
          subjectId: sittingId,
          details: { rows: plan.valid.length, invited: invited.length },
        });
        return { locked, plan, report: report(true, plan, invited) };
      });
      if (outcome.report.committed) await tellHolders(scope, outcome.locked, outcome.plan.valid);
      return outcome.report;
    },

    /**
     * Removes an enrolment from the roster. One that came from a booked seat withdraws that
     * booking in the same transaction, as a coordinator's withdraw does (the seat goes to the
     * first waiting, who is mailed), so the seats page and the roster never disagree.
     */
    async withdrawEnrolment(
      actor: CurrentUser,
      scope: Scope,
      sittingId: string,
      enrolmentId: string,
    ) {
      await withinScope(db, scope, async (tx) => {
        const found = await enrolmentsRepo.findEnrolment(tx, scope, enrolmentId);
        if (!found || found.enrolment.sittingId !== sittingId) {
          throw new AppError('NOT_FOUND', 'No such enrolment in this sitting.', 404);
        }
        assertEnrols(found.sitting);
        // The booking goes first: it locks the seats row before the sitting row, the order a
        // booking takes them in (claim the seat, then enrol), so the two cannot deadlock. The
        // sitting's lock below re-checks that it still enrols; a refusal rolls all of it back.
        const booking = await deps.bookingOfEnrolment?.withdrawWithin(
          tx,
          found.sitting.associationId,
          { enrolmentId, actorId: actor.id, reason: ROSTER_REMOVAL_REASON },
        );
        await lockForEnrolment(tx, scope, sittingId);
        await enrolmentsRepo.deleteEnrolment(tx, scope, enrolmentId);
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'enrolment.withdraw',
          subjectType: 'enrolment',
          subjectId: enrolmentId,
          details: {
            sittingId,
            candidateId: found.enrolment.candidateId,
            ...(booking ? { bookingWithdrawn: true } : {}),
          },
        });
      });
    },
  };
}
