import type { CurrentUser, UserSummary } from '@exam/shared/api';
import { withinScope, type AssociationScope } from '../../db/association-scope.js';
import type { DbOrTx } from '../../db/client.js';
import { letterheadOf } from '../auth/index.js';
import type { BookingsDeps } from './bookings.deps.js';

/**
 * Who an approved application names, as the association may know it: one of its candidates;
 * an address to invite (no account, or one only another association holds: the two answer
 * exactly alike, so nothing leaks about accounts elsewhere); or a problem for the report.
 */
export type Applicant =
  | { kind: 'member'; email: string; candidate: UserSummary }
  | { kind: 'invite'; email: string; name: string; heldElsewhere: UserSummary | undefined }
  | { kind: 'refused'; email: string; error: string };

type Deps = Pick<BookingsDeps, 'db' | 'users' | 'outbox' | 'audit'>;

/**
 * Reads every address once: in the association's view (its members and the programme's staff)
 * and, only to leave it alone, anywhere. Returns how to read one row: an address the
 * association cannot see needs a name to be invited, whether or not an account exists elsewhere.
 */
export async function applicantReader(
  deps: Deps,
  tx: DbOrTx,
  scope: AssociationScope,
  emails: readonly string[],
): Promise<(row: { email: string; name: string | null }) => Applicant> {
  const unique = [...new Set(emails.filter(Boolean))];
  const byEmail = (list: UserSummary[]) => new Map(list.map((u) => [u.email.toLowerCase(), u]));
  const here = byEmail(await deps.users.findByEmails(tx, unique, scope));
  const anywhere = byEmail(await deps.users.findByEmails(tx, unique));
  return ({ email, name }) => {
    const seen = here.get(email);
    if (seen?.roles.includes('candidate')) return { kind: 'member', email, candidate: seen };
    if (seen) {
      return {
        kind: 'refused',
        email,
        error: `The account ${email} is not a candidate's account.`,
      };
    }
    if (!name) {
      return {
        kind: 'refused',
        email,
        error: `No account of this association has the email ${email}: give the applicant's name (the name column) to invite them.`,
      };
    }
    return { kind: 'invite', email, name, heldElsewhere: anywhere.get(email) };
  };
}

/**
 * The candidate an authorisation is granted to, in the caller's transaction: a member as is; a
 * new address invited (the account, its membership and the invitation mail, as enrolment
 * does); an account held elsewhere gets nothing (null), only an audit entry administrators
 * read, and its holder a mail after commit (tellHolders). `invited` keeps one account per
 * address when a file names the same new applicant twice.
 */
export async function candidateFor(
  deps: Deps,
  tx: DbOrTx,
  actor: CurrentUser,
  scope: AssociationScope,
  applicant: Exclude<Applicant, { kind: 'refused' }>,
  invited: Map<string, string>,
): Promise<string | null> {
  if (applicant.kind === 'member') return applicant.candidate.id;
  if (applicant.heldElsewhere) {
    await deps.audit.append(tx, {
      actorId: actor.id,
      action: 'bookings.authorisation_held_elsewhere',
      subjectType: 'user',
      subjectId: applicant.heldElsewhere.id,
      details: { associationId: scope.associationId },
    });
    return null;
  }
  const already = invited.get(applicant.email);
  if (already) return already;
  const user = await deps.users.inviteWithin(tx, actor, {
    email: applicant.email,
    displayName: applicant.name,
    roles: ['candidate'],
    associationId: scope.associationId,
  });
  invited.set(applicant.email, user.id);
  return user.id;
}

/**
 * After commit, tells each holder of an account elsewhere that this association approved an
 * application in their address's name: in the programme's name, so the association's Mail page
 * does not list it, and without anything attached to the account.
 */
export async function tellHolders(
  deps: Deps,
  scope: AssociationScope,
  applicants: readonly Applicant[],
): Promise<void> {
  const held = [
    ...new Map(
      applicants.filter((a) => a.kind === 'invite' && a.heldElsewhere).map((a) => [a.email, a]),
    ).values(),
  ];
  if (held.length === 0 || !deps.outbox) return;
  const letterhead = await withinScope(deps.db, scope, (tx) =>
    letterheadOf(tx, scope.associationId),
  );
  for (const applicant of held) {
    await deps.outbox.enqueue({
      to: applicant.email,
      associationId: null,
      template: {
        kind: 'authorisation-held-elsewhere',
        requestedBy: letterhead?.name ?? 'An association',
      },
    });
  }
}
