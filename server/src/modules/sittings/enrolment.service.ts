import { randomBytes } from 'node:crypto';
import type {
  CurrentUser,
  Enrolment,
  EnrolmentImportReport,
  EnrolmentImportRequest,
  EnrolOneRequest,
  EnrolOneResponse,
  NewCandidateAccount,
  SittingStatus,
} from '@exam/shared/api';
import { associationScope, withinScope, type Scope } from '../../db/association-scope.js';
import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import { hashPassword } from '../auth/index.js';
import { parseEnrolmentCsv, type CsvEnrolmentRow } from './enrolment-csv.js';
import { planEnrolments, type ValidEnrolment } from './enrolment-plan.js';
import { readRoster } from './enrolment-roster.js';
import { acceptsEnrolment } from './sitting-status.js';
import { enqueueSittingNotices, type SittingNoticeDeps } from './sitting-notices.js';
import type { SittingsDeps } from './sittings.deps.js';
import * as sittingsRepo from './sittings.repo.js';

type Deps = Pick<
  SittingsDeps,
  'db' | 'clock' | 'audit' | 'users' | 'attempts' | 'outbox' | 'publicOrigin'
>;

/** A first password for a created account: 96 random bits, shown to the coordinator once. */
function temporaryPassword(): string {
  return randomBytes(12).toString('base64url');
}

/** Enrolling candidates one at a time or from a CSV file, and the sitting's roster. */
export function createEnrolmentService(deps: Deps) {
  const { db } = deps;
  const notices: SittingNoticeDeps = {
    outbox: deps.outbox,
    publicOrigin: deps.publicOrigin,
    contactsOf: (db, ids) => deps.users.mailContactsOf(db, ids),
  };

  /** Locks the sitting and refuses enrolment changes once it has opened. */
  async function lockForEnrolment(tx: DbOrTx, scope: Scope, sittingId: string) {
    const sitting = await sittingsRepo.lockSitting(tx, scope, sittingId);
    if (!sitting) throw new AppError('NOT_FOUND', 'No such sitting.', 404);
    if (!acceptsEnrolment(sitting.status as SittingStatus)) {
      throw new AppError(
        'SITTING_LOCKED',
        `Candidates are enrolled before a sitting opens; this one is ${sitting.status}.`,
        409,
      );
    }
    return sitting;
  }

  /** Creates missing accounts, brings profiles up to date and enrols, inside the caller's transaction. */
  async function write(
    tx: DbOrTx,
    actor: CurrentUser,
    scope: Scope,
    sitting: sittingsRepo.SittingRow,
    rows: readonly ValidEnrolment[],
    passwords: ReadonlyMap<string, { password: string; hash: string }>,
    source: 'one' | 'csv',
    /** A retake by part sits one part; both when absent. */
    parts?: readonly (1 | 2)[],
  ): Promise<string[]> {
    const sittingId = sitting.id;
    const ids: string[] = [];
    for (const row of rows) {
      const secret = passwords.get(row.email);
      if (!row.existing && !secret) {
        // The account vanished between the check and the lock; never create one nobody can use.
        throw new AppError(
          'CONFLICT',
          `The account ${row.email} changed meanwhile; try again.`,
          409,
        );
      }
      const candidate =
        row.existing ??
        (await deps.users.createWithin(tx, actor, {
          email: row.email,
          displayName: row.displayName,
          roles: ['candidate'],
          passwordHash: secret?.hash ?? '',
          associationId: sitting.associationId,
        }));
      if (row.existing && !row.member) await joinAssociation(tx, actor, sitting, candidate.id);
      const before = await sittingsRepo.findProfile(tx, scope, candidate.id);
      const profile = { endorsement: row.endorsement, category: row.category, track: row.track };
      await sittingsRepo.upsertProfile(tx, scope, { userId: candidate.id, ...profile });
      const enrolment = await sittingsRepo.insertEnrolment(tx, scope, {
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
        await enqueueSittingNotices(notices, tx, sitting, [enrolment], {
          kind: 'sitting-scheduled',
        });
      }
      ids.push(enrolment.id);
    }
    return ids;
  }

  /**
   * An account of another association becomes a candidate of the sitting's association (audited
   * by auth). Memberships are added in the association the actor acts for, so it must be this one.
   */
  async function joinAssociation(
    tx: DbOrTx,
    actor: CurrentUser,
    sitting: { associationId: string },
    userId: string,
  ): Promise<void> {
    if (actor.association?.id !== sitting.associationId) {
      throw new AppError(
        'FORBIDDEN',
        "Act for the sitting's association to enrol candidates who are not yet its members.",
        403,
      );
    }
    await deps.users.addToAssociation(tx, actor, userId, ['candidate']);
  }

  /** The roster of a sitting in the scope, or not found. */
  async function rosterOrThrow(tx: DbOrTx, scope: Scope, sittingId: string) {
    if (!(await sittingsRepo.findSitting(tx, scope, sittingId))) {
      throw new AppError('NOT_FOUND', 'No such sitting.', 404);
    }
    return readRoster(deps, tx, scope, sittingId);
  }

  /** Hashes the first passwords before the transaction: argon2 is slow and needs no lock. */
  async function passwordsFor(rows: readonly ValidEnrolment[]) {
    const passwords = new Map<string, { password: string; hash: string }>();
    for (const row of rows) {
      if (row.existing) continue;
      const password = temporaryPassword();
      passwords.set(row.email, { password, hash: await hashPassword(password) });
    }
    return passwords;
  }

  function accountsOf(
    rows: readonly ValidEnrolment[],
    passwords: ReadonlyMap<string, { password: string }>,
  ): NewCandidateAccount[] {
    return rows.flatMap((row) => {
      const secret = passwords.get(row.email);
      return !row.existing && secret
        ? [{ email: row.email, temporaryPassword: secret.password }]
        : [];
    });
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
     * this association; the answer says nothing else about it.
     */
    async enrolOne(
      actor: CurrentUser,
      scope: Scope,
      sittingId: string,
      input: EnrolOneRequest,
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
      const preview = await planEnrolments(deps, db, scope, sitting, [row], options);
      const passwords = await passwordsFor(preview.valid);
      return withinScope(db, scope, async (tx) => {
        const locked = await lockForEnrolment(tx, scope, sittingId);
        const plan = await planEnrolments(deps, tx, scope, locked, [row], options);
        const problems = plan.report[0]?.errors ?? [];
        if (problems.length > 0) {
          throw new AppError('ENROLMENT_INVALID', problems.join(' '), 400, { errors: problems });
        }
        const [id] = await write(
          tx,
          actor,
          scope,
          locked,
          plan.valid,
          passwords,
          'one',
          input.parts,
        );
        const enrolment = (await readRoster(deps, tx, scope, sittingId)).find((e) => e.id === id);
        if (!enrolment) throw new AppError('INTERNAL', 'The enrolment was not stored.', 500);
        return { enrolment, newAccount: accountsOf(plan.valid, passwords)[0] ?? null };
      });
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
      const report = (
        committed: boolean,
        plan = preview,
        newAccounts: NewCandidateAccount[] = [],
      ) => ({
        committed,
        fileErrors: parsed.fileErrors,
        rows: plan.report,
        validCount: plan.valid.length,
        errorCount: plan.errorCount,
        newAccounts,
      });
      const clean = parsed.fileErrors.length === 0 && preview.errorCount === 0;
      if (!input.commit || !clean) return report(false);

      const passwords = await passwordsFor(preview.valid);
      return withinScope(db, scope, async (tx) => {
        const locked = await lockForEnrolment(tx, scope, sittingId);
        // Checked again under the lock: someone may have enrolled a candidate meanwhile.
        const plan = await planEnrolments(deps, tx, scope, locked, parsed.rows, options);
        if (plan.errorCount > 0) return report(false, plan);
        await write(tx, actor, scope, locked, plan.valid, passwords, 'csv');
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'enrolment.import',
          subjectType: 'sitting',
          subjectId: sittingId,
          details: { rows: plan.valid.length, created: passwords.size },
        });
        return report(true, plan, accountsOf(plan.valid, passwords));
      });
    },

    async withdrawEnrolment(
      actor: CurrentUser,
      scope: Scope,
      sittingId: string,
      enrolmentId: string,
    ) {
      await withinScope(db, scope, async (tx) => {
        await lockForEnrolment(tx, scope, sittingId);
        const found = await sittingsRepo.findEnrolment(tx, scope, enrolmentId);
        if (!found || found.enrolment.sittingId !== sittingId) {
          throw new AppError('NOT_FOUND', 'No such enrolment in this sitting.', 404);
        }
        await sittingsRepo.deleteEnrolment(tx, scope, enrolmentId);
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'enrolment.withdraw',
          subjectType: 'enrolment',
          subjectId: enrolmentId,
          details: { sittingId, candidateId: found.enrolment.candidateId },
        });
      });
    },
  };
}
