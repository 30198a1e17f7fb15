import type { EnrolmentImportRow, UserSummary } from '@exam/shared/api';
import type {
  Category,
  Endorsement,
  ExamEndorsement,
  MentorTrack,
  Variant,
} from '@exam/shared/domain';
import { associationScope, type Scope } from '../../db/association-scope.js';
import type { DbOrTx } from '../../db/client.js';
import type { CsvEnrolmentRow } from './enrolment-csv.js';
import { checkCredential } from './enrolment-rules.js';
import type { SittingsDeps } from './sittings.deps.js';
import * as enrolmentsRepo from './enrolments.repo.js';

/** A row that passed every check, with what importing it will do. */
export interface ValidEnrolment {
  line: number;
  email: string;
  displayName: string;
  endorsement: Endorsement;
  category: Category;
  track: MentorTrack | null;
  examEndorsement: ExamEndorsement;
  variant: Variant;
  /** Undefined: an account is created. */
  existing: UserSummary | undefined;
  /**
   * False for an existing account that is not yet a candidate of the sitting's association (a
   * candidate of another one): enrolling makes it a member.
   */
  member: boolean;
  /**
   * An account only another association holds: nothing is attached to it (no membership, no
   * enrolment) without its holder's consent; the holder is told by mail instead.
   */
  heldElsewhere: boolean;
}

export interface EnrolmentPlan {
  report: EnrolmentImportRow[];
  valid: ValidEnrolment[];
  errorCount: number;
}

/**
 * Checks rows against the exam rules, each other and the database, without writing anything:
 * a duplicate in the file or in the sitting, an email with no account (unless accounts are to be
 * created), or an account that holds other roles in the sitting's association (or programme
 * roles) is an error on that row. Accounts are looked at as the sitting's association sees them
 * (its members and the programme's staff): an address whose account only another association
 * holds is reported exactly as an address with no account at all (the same action, the same
 * errors, the name from the file), so the preview tells nothing about accounts elsewhere; when
 * the rows are written, that existing account is left alone and its holder mailed instead.
 */
export async function planEnrolments(
  deps: Pick<SittingsDeps, 'users'>,
  db: DbOrTx,
  scope: Scope,
  sitting: { id: string; associationId: string },
  rows: readonly CsvEnrolmentRow[],
  options: { createAccounts: boolean },
): Promise<EnrolmentPlan> {
  const sittingId = sitting.id;
  const emails = [...new Set(rows.filter((r) => r.emailValid).map((r) => r.email))];
  const accounts = new Map((await deps.users.findByEmails(db, emails)).map((u) => [u.email, u]));
  const here = associationScope(sitting.associationId);
  const users = new Map((await deps.users.findByEmails(db, emails, here)).map((u) => [u.email, u]));
  const enrolled = new Set(
    (await enrolmentsRepo.enrolmentsOf(db, scope, sittingId)).map((e) => e.candidateId),
  );
  const firstLine = new Map<string, number>();

  const report: EnrolmentImportRow[] = [];
  const valid: ValidEnrolment[] = [];
  for (const row of rows) {
    const errors = [...row.errors];
    let examEndorsement: ExamEndorsement | null = null;
    let variant: Variant | null = null;
    if (errors.length === 0 && row.endorsement && row.category) {
      const check = checkCredential({
        endorsement: row.endorsement,
        category: row.category,
        track: row.track,
        examEndorsement: row.examEndorsement,
      });
      if (check.ok) ({ examEndorsement, variant } = check);
      else errors.push(...check.errors);
    }

    const account = accounts.get(row.email);
    const seenHere = users.get(row.email);
    // Roles held here (programme roles count everywhere); an account with none here is a
    // member of another association only, and becomes a candidate of this one.
    const rolesHere = seenHere?.roles ?? [];
    const existing = account && {
      ...account,
      roles: rolesHere.length > 0 ? rolesHere : ['candidate' as const],
    };
    const member = rolesHere.includes('candidate');
    // What the report may know: only accounts the sitting's association can see.
    const knownHere = seenHere ? existing : undefined;
    if (row.emailValid) {
      const earlier = firstLine.get(row.email);
      if (earlier !== undefined) errors.push(`The same email is on line ${earlier} of this file.`);
      else firstLine.set(row.email, row.line);
      if (knownHere && !knownHere.roles.includes('candidate')) {
        errors.push(`The account ${row.email} is not a candidate's account.`);
      } else if (knownHere && enrolled.has(knownHere.id)) {
        errors.push('Already enrolled in this sitting.');
      } else if (!knownHere && !options.createAccounts) {
        errors.push('No account has this email: check it, or choose to create accounts.');
      } else if (!knownHere && row.displayName === '') {
        errors.push('A name is needed to create the account (the name column).');
      }
    }

    const ok = errors.length === 0 && examEndorsement !== null && variant !== null;
    report.push({
      line: row.line,
      email: row.email,
      displayName: (seenHere?.displayName ?? row.displayName) || row.email,
      examEndorsement,
      category: row.category,
      track: row.track,
      variant,
      action: ok ? (knownHere ? 'enrol' : 'create-and-enrol') : null,
      errors,
    });
    if (ok && row.endorsement && row.category && examEndorsement && variant) {
      valid.push({
        line: row.line,
        email: row.email,
        displayName: seenHere?.displayName ?? (row.displayName || (account?.displayName ?? '')),
        endorsement: row.endorsement,
        category: row.category,
        track: row.track,
        examEndorsement,
        variant,
        existing,
        member,
        heldElsewhere: account !== undefined && seenHere === undefined,
      });
    }
  }
  return { report, valid, errorCount: report.filter((r) => r.errors.length > 0).length };
}
