import type { CurrentUser, InvitationInfo, PendingInvitation } from '@exam/shared/api';
import type { Scope } from '../../db/association-scope.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import { assertPasswordAllowed } from './account.service.js';
import { linkTo, mailUser, type AccountOutbox } from './account-mail.js';
import * as authRepo from './auth.repo.js';
import * as invitationsRepo from './invitations.repo.js';
import { hashPassword, NO_PASSWORD } from './passwords.js';
import { hashToken, newToken } from './tokens.js';

export type InvitationsService = ReturnType<typeof createInvitationsService>;

export interface Invitee {
  id: string;
  email: string;
  displayName: string;
  timeZone?: string | null;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Invitations to set a first password: a single-use link (only its SHA-256 kept) mailed with the
 * change that created the account, resent (the old link dies) or revoked by staff, and accepted
 * by the invitee, who chooses a password and a time zone and is signed in.
 */
export function createInvitationsService(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  outbox: AccountOutbox;
  publicOrigin: string;
  invitationTtlHours: number;
}) {
  async function issue(
    tx: DbOrTx,
    actor: CurrentUser | null,
    invitee: Invitee,
    input: { associationId: string | null; roleLabel: string },
  ): Promise<string> {
    const token = newToken();
    const now = deps.clock.now();
    const expiresAt = new Date(now.getTime() + deps.invitationTtlHours * 3_600_000);
    const row = await invitationsRepo.insertInvitation(tx, {
      userId: invitee.id,
      associationId: input.associationId,
      tokenHash: hashToken(token),
      invitedBy: actor?.id ?? null,
      createdAt: now,
      expiresAt,
    });
    await mailUser(
      deps.outbox,
      tx,
      { ...invitee, timeZone: invitee.timeZone ?? null },
      {
        kind: 'invitation',
        recipientName: invitee.displayName,
        roleLabel: input.roleLabel,
        link: linkTo(deps.publicOrigin, '/invitation', token),
        expiresAt,
      },
      { associationId: input.associationId },
    );
    await deps.audit.append(tx, {
      actorId: actor?.id ?? null,
      action: 'account.invited',
      subjectType: 'user',
      subjectId: invitee.id,
      details: { invitation: row.id, associationId: input.associationId, role: input.roleLabel },
    });
    return token;
  }

  async function openInvitation(token: string) {
    const row = await invitationsRepo.findByTokenHash(deps.db, hashToken(token));
    if (!row || row.revokedAt)
      throw new AppError('TOKEN_INVALID', 'That invitation is not valid.', 404);
    if (row.acceptedAt)
      throw new AppError('TOKEN_USED', 'That invitation was accepted already.', 410);
    if (row.expiresAt <= deps.clock.now()) {
      throw new AppError('TOKEN_EXPIRED', 'That invitation has expired; ask for a new one.', 410);
    }
    const user = await authRepo.findUserById(deps.db, row.userId);
    if (!user || user.disabled)
      throw new AppError('TOKEN_INVALID', 'That invitation is not valid.', 404);
    // A password set another way (a reset) spends the invitation: its link, mailed with a
    // longer life than a reset's, must not become a second way to replace the password.
    if (user.passwordHash !== NO_PASSWORD)
      throw new AppError('TOKEN_USED', 'That invitation was accepted already.', 410);
    return { row, user };
  }

  return {
    /** Invites a user just created, inside the caller's transaction; returns the link's token. */
    inviteWithin: issue,

    async list(scope: Scope): Promise<PendingInvitation[]> {
      const now = deps.clock.now();
      return (await invitationsRepo.listOpen(deps.db, scope)).map((r) => ({
        id: r.invitation.id,
        userId: r.invitation.userId,
        email: r.email,
        displayName: r.displayName,
        createdAt: r.invitation.createdAt.toISOString(),
        expiresAt: r.invitation.expiresAt.toISOString(),
        expired: r.invitation.expiresAt <= now,
      }));
    },

    /** A new link (and mail); the old one stops working. */
    async resend(actor: CurrentUser, scope: Scope, id: string): Promise<void> {
      await deps.db.transaction(async (tx) => {
        const open = await invitationsRepo.findOpen(tx, scope, id);
        if (!open) throw new AppError('NOT_FOUND', 'No such open invitation.');
        await invitationsRepo.close(tx, id, { revokedAt: deps.clock.now() });
        await issue(tx, actor, open.user, {
          associationId: open.invitation.associationId,
          roleLabel: 'the same role',
        });
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'account.invitation_resent',
          subjectType: 'user',
          subjectId: open.user.id,
          details: { previous: id },
        });
      });
    },

    async revoke(actor: CurrentUser, scope: Scope, id: string): Promise<void> {
      await deps.db.transaction(async (tx) => {
        const open = await invitationsRepo.findOpen(tx, scope, id);
        if (!open) throw new AppError('NOT_FOUND', 'No such open invitation.');
        await invitationsRepo.close(tx, id, { revokedAt: deps.clock.now() });
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'account.invitation_revoked',
          subjectType: 'user',
          subjectId: open.user.id,
          details: { invitation: id },
        });
      });
    },

    async info(token: string): Promise<InvitationInfo> {
      const { row, user } = await openInvitation(token);
      return {
        email: user.email,
        displayName: user.displayName,
        associationName: row.associationName,
        timeZone: user.timeZone ?? row.timeZone ?? 'UTC',
        expiresAt: row.expiresAt.toISOString(),
      };
    },

    /** Sets the first password and time zone; returns the user's id for signing them in. */
    async accept(input: { token: string; password: string; timeZone: string }): Promise<string> {
      const { row, user } = await openInvitation(input.token);
      if (!isTimeZone(input.timeZone)) {
        throw new AppError('VALIDATION_FAILED', 'Choose a time zone from the list.', 400);
      }
      await assertPasswordAllowed(input.password, user);
      const hash = await hashPassword(input.password);
      await deps.db.transaction(async (tx) => {
        if (!(await invitationsRepo.close(tx, row.id, { acceptedAt: deps.clock.now() }))) {
          throw new AppError('TOKEN_USED', 'That invitation was accepted already.', 410);
        }
        await authRepo.setPasswordHash(tx, user.id, hash);
        await invitationsRepo.setTimeZone(tx, user.id, input.timeZone);
        await deps.audit.append(tx, {
          actorId: user.id,
          action: 'account.invitation_accepted',
          subjectType: 'user',
          subjectId: user.id,
          details: { invitation: row.id, timeZone: input.timeZone },
        });
      });
      return user.id;
    },
  };
}
