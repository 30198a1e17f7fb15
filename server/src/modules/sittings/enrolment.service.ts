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
import { variantFor, type Category, type MentorTrack } from '@exam/shared/domain';
import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import { hashPassword } from '../auth/index.js';
import { accommodationsInForce, accommodationSummary } from './accommodations.js';
import { parseEnrolmentCsv, type CsvEnrolmentRow } from './enrolment-csv.js';
import { planEnrolments, type ValidEnrolment } from './enrolment-plan.js';
import { acceptsEnrolment } from './sitting-status.js';
import type { SittingsDeps } from './sittings.deps.js';
import * as sittingsRepo from './sittings.repo.js';

type Deps = Pick<SittingsDeps, 'db' | 'clock' | 'audit' | 'users' | 'attempts'>;

/** A first password for a created account: 96 random bits, shown to the coordinator once. */
function temporaryPassword(): string {
  return randomBytes(12).toString('base64url');
}

/** Enrolling candidates one at a time or from a CSV file, and the sitting's roster. */
export function createEnrolmentService(deps: Deps) {
  const { db } = deps;

  /** Locks the sitting and refuses enrolment changes once it has opened. */
  async function lockForEnrolment(tx: DbOrTx, sittingId: string) {
    const sitting = await sittingsRepo.lockSitting(tx, sittingId);
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
    sittingId: string,
    rows: readonly ValidEnrolment[],
    passwords: ReadonlyMap<string, { password: string; hash: string }>,
    source: 'one' | 'csv',
  ): Promise<string[]> {
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
        }));
      const before = await sittingsRepo.findProfile(tx, candidate.id);
      const profile = { endorsement: row.endorsement, category: row.category, track: row.track };
      await sittingsRepo.upsertProfile(tx, { userId: candidate.id, ...profile });
      const enrolment = await sittingsRepo.insertEnrolment(tx, {
        sittingId,
        candidateId: candidate.id,
        examEndorsement: row.examEndorsement,
        category: row.category,
        track: row.track,
        enrolledAt: deps.clock.now(),
        enrolledBy: actor.id,
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
      ids.push(enrolment.id);
    }
    return ids;
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

  /**
   * The roster. Attempt ids come from delivery, which reads outside any transaction (on PGlite a
   * query outside a caller's transaction waits forever); enrolling happens before the sitting
   * opens, when there are no attempts to show, so callers inside one leave them out.
   */
  async function listEnrolments(
    tx: DbOrTx,
    sittingId: string,
    options: { withAttempts: boolean } = { withAttempts: false },
  ): Promise<Enrolment[]> {
    const rows = await sittingsRepo.enrolmentsOf(tx, sittingId);
    const attemptIds = options.withAttempts
      ? await deps.attempts.attemptIdsByEnrolment(rows.map((r) => r.id))
      : new Map<string, string>();
    const ids = rows.map((r) => r.candidateId);
    const people = new Map((await deps.users.findByIds(tx, ids)).map((u) => [u.id, u]));
    const profiles = new Map((await sittingsRepo.findProfiles(tx, ids)).map((p) => [p.userId, p]));
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
          attemptId: attemptIds.get(row.id) ?? null,
        };
      })
      .sort((a, b) => a.displayName.localeCompare(b.displayName));
  }

  return {
    async listEnrolments(sittingId: string): Promise<Enrolment[]> {
      if (!(await sittingsRepo.findSitting(db, sittingId))) {
        throw new AppError('NOT_FOUND', 'No such sitting.', 404);
      }
      return listEnrolments(db, sittingId, { withAttempts: true });
    },

    async enrolOne(
      actor: CurrentUser,
      sittingId: string,
      input: EnrolOneRequest,
    ): Promise<EnrolOneResponse> {
      let email: string;
      let displayName = '';
      if (input.candidate.kind === 'existing') {
        const [person] = await deps.users.findByIds(db, [input.candidate.candidateId]);
        if (!person) throw new AppError('NOT_FOUND', 'No such candidate.', 404);
        email = person.email;
      } else {
        email = input.candidate.email;
        displayName = input.candidate.displayName;
        if ((await deps.users.findByEmails(db, [email])).length > 0) {
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
      const createAccounts = input.candidate.kind === 'new';
      const preview = await planEnrolments(deps, db, sittingId, [row], { createAccounts });
      const passwords = await passwordsFor(preview.valid);
      return db.transaction(async (tx) => {
        await lockForEnrolment(tx, sittingId);
        const plan = await planEnrolments(deps, tx, sittingId, [row], { createAccounts });
        const problems = plan.report[0]?.errors ?? [];
        if (problems.length > 0) {
          throw new AppError('ENROLMENT_INVALID', problems.join(' '), 400, { errors: problems });
        }
        const [id] = await write(tx, actor, sittingId, plan.valid, passwords, 'one');
        const enrolment = (await listEnrolments(tx, sittingId)).find((e) => e.id === id);
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
      sittingId: string,
      input: EnrolmentImportRequest,
    ): Promise<EnrolmentImportReport> {
      const sitting = await sittingsRepo.findSitting(db, sittingId);
      if (!sitting) throw new AppError('NOT_FOUND', 'No such sitting.', 404);
      const parsed = parseEnrolmentCsv(input.csv);
      const options = { createAccounts: input.createAccounts };
      const preview = await planEnrolments(deps, db, sittingId, parsed.rows, options);
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
      return db.transaction(async (tx) => {
        await lockForEnrolment(tx, sittingId);
        // Checked again under the lock: someone may have enrolled a candidate meanwhile.
        const plan = await planEnrolments(deps, tx, sittingId, parsed.rows, options);
        if (plan.errorCount > 0) return report(false, plan);
        await write(tx, actor, sittingId, plan.valid, passwords, 'csv');
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

    async withdrawEnrolment(actor: CurrentUser, sittingId: string, enrolmentId: string) {
      await db.transaction(async (tx) => {
        await lockForEnrolment(tx, sittingId);
        const found = await sittingsRepo.findEnrolment(tx, enrolmentId);
        if (!found || found.enrolment.sittingId !== sittingId) {
          throw new AppError('NOT_FOUND', 'No such enrolment in this sitting.', 404);
        }
        await sittingsRepo.deleteEnrolment(tx, enrolmentId);
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
