import {
  type AssociationRef,
  isAssociationRole,
  type CreateUserRequest,
  type CurrentUser,
  type Role,
  type UserSummary,
} from '@exam/shared/api';
import type { Scope } from '../../db/association-scope.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import { actingAssociationOf, scopeOf } from '../../lib/request-actor.js';
import type { AuditService } from '../audit/index.js';
import type { InvitationsService } from './invitations.service.js';
import { hashPassword, NO_PASSWORD } from './passwords.js';
import * as usersRepo from './users.repo.js';
import { assertMayGrant, associationForRoles } from './role-grants.js';
import { answerIfHeldElsewhere } from './account-held-elsewhere.js';
import type { AccountOutbox } from './account-mail.js';
import { presentSummary, userLookups } from './user-lookups.js';

export type UsersService = ReturnType<typeof createUsersService>;

interface NewAccount {
  email: string;
  displayName: string;
  roles: Role[];
  passwordHash: string;
  associationId?: string | undefined;
}

/** Account administration: creating users and assigning roles, every change audited. */
export function createUsersService(deps: {
  db: Db;
  audit: Pick<AuditService, 'append'>;
  /** Without a password given, a new account is invited to set one (absent: admin:create's CLI). */
  invitations?: Pick<InvitationsService, 'inviteWithin'>;
  /** After a commit that changed someone's roles: staff sockets on every instance check access. */
  rolesChanged?: () => void;
  /** Mails the holder of an address held elsewhere (account-held-elsewhere.ts); absent: the CLI. */
  outbox?: AccountOutbox;
}) {
  async function createWithin(
    tx: DbOrTx,
    actor: CurrentUser,
    input: NewAccount,
  ): Promise<UserSummary> {
    const { association } = usersRepo.splitRoles(input.roles);
    const associationId =
      association.length > 0 ? await associationForRoles(tx, actor, input.associationId) : null;
    const row = await usersRepo.insertUser(
      tx,
      {
        email: input.email,
        displayName: input.displayName,
        passwordHash: input.passwordHash,
        roles: input.roles,
      },
      associationId,
    );
    if (!row) throw new AppError('ALREADY_EXISTS', 'A user with that email already exists.', 409);
    await deps.audit.append(tx, {
      actorId: actor.id,
      action: 'user.create',
      subjectType: 'user',
      subjectId: row.id,
      details: { roles: input.roles, associationId },
    });
    return presentSummary(row);
  }

  // Modules built after auth (grading's pool) hear of committed role changes through these.
  const roleListeners = new Set<() => Promise<void>>();

  return {
    ...userLookups,

    /**
     * Awaits `listener` after each commit that changed someone's roles, before the change is
     * answered (a listener handles its own failures); returns the unsubscribe.
     */
    onRolesChanged(listener: () => Promise<void>): () => void {
      roleListeners.add(listener);
      return () => roleListeners.delete(listener);
    },

    /** The people a scope may see (a coordinator: their association's members only). */
    async list(scope: Scope): Promise<UserSummary[]> {
      return (await usersRepo.listUsers(deps.db, scope)).map(presentSummary);
    },

    /** Where `actor` may grant association roles: any association for an admin, else their own. */
    async grantAssociations(actor: CurrentUser): Promise<AssociationRef[]> {
      return usersRepo.listAssociations(deps.db, scopeOf(actor));
    },

    async create(actor: CurrentUser, input: CreateUserRequest): Promise<UserSummary> {
      const roles = [...new Set(input.roles)];
      assertMayGrant(actor, roles);
      const { invitations, outbox } = deps;
      if (input.password === undefined && !invitations) {
        throw new AppError('VALIDATION_FAILED', 'A password is required.', 400);
      }
      // Hashed first: an address held elsewhere takes as long as a new one. No password: none
      // usable until the invitee chooses one through the mailed link.
      const passwordHash =
        input.password === undefined ? NO_PASSWORD : await hashPassword(input.password);
      return deps.db.transaction(async (tx) => {
        // Checked first, so a wrong association is refused alike for every address.
        const associationId = usersRepo.splitRoles(roles).association.length
          ? await associationForRoles(tx, actor, input.associationId)
          : null;
        const account = { email: input.email, displayName: input.displayName, roles };
        const cover =
          outbox &&
          (await answerIfHeldElsewhere({ audit: deps.audit, outbox }, tx, actor, account));
        if (cover) return cover;
        const user = await createWithin(tx, actor, { ...input, roles, passwordHash });
        if (input.password === undefined && invitations) {
          await invitations.inviteWithin(tx, actor, user, {
            associationId,
            roleLabel: roles.join(', '),
          });
        }
        return user;
      });
    },

    /**
     * Creates an account inside the caller's transaction, so it commits or rolls back with the
     * caller's change (an enrolment import creates candidates all together or not at all).
     */
    async createWithin(tx: DbOrTx, actor: CurrentUser, input: NewAccount): Promise<UserSummary> {
      assertMayGrant(actor, input.roles);
      return createWithin(tx, actor, input);
    },

    /**
     * Creates an account with no usable password and mails its invitation, inside the caller's
     * transaction (an enrolment import invites all its new candidates together or none).
     */
    async inviteWithin(
      tx: DbOrTx,
      actor: CurrentUser,
      input: { email: string; displayName: string; roles: Role[]; associationId: string },
    ): Promise<UserSummary> {
      const { invitations } = deps;
      if (!invitations) throw new AppError('INTERNAL', 'Invitations are not configured.', 500);
      assertMayGrant(actor, input.roles);
      const user = await createWithin(tx, actor, { ...input, passwordHash: NO_PASSWORD });
      await invitations.inviteWithin(tx, actor, user, {
        associationId: input.associationId,
        roleLabel: input.roles.join(', '),
      });
      return user;
    },

    /** Whether an enabled administrator exists; while none does, the setup link is open. */
    async hasAdministrator(db: DbOrTx = deps.db): Promise<boolean> {
      return usersRepo.enabledAdministratorExists(db);
    },

    /**
     * Creates an administrator no signed-in user asked for: the first one, through the setup
     * link, or one made on the server's own command line. Audited as its own creation, with how.
     */
    async createAdministratorWithin(
      tx: DbOrTx,
      input: { email: string; displayName: string; passwordHash: string },
      via: 'setup-link' | 'command',
    ): Promise<UserSummary> {
      const row = await usersRepo.insertUser(tx, { ...input, roles: ['admin'] }, null);
      if (!row) throw new AppError('ALREADY_EXISTS', 'A user with that email already exists.', 409);
      await deps.audit.append(tx, {
        actorId: row.id,
        action: 'user.create',
        subjectType: 'user',
        subjectId: row.id,
        details: { roles: ['admin'], via },
      });
      return presentSummary(row);
    },

    /** Makes an existing account a member of an association with these association roles. */
    async addToAssociation(
      tx: DbOrTx,
      actor: CurrentUser,
      userId: string,
      roles: readonly Role[],
    ): Promise<void> {
      assertMayGrant(actor, roles);
      const { associationId } = actingAssociationOf(actor);
      const held = (
        await usersRepo.findUsersByIds(tx, { kind: 'association', associationId }, [userId])
      )[0];
      const wanted = [
        ...new Set([...(held?.roles ?? []).filter((r) => isAssociationRole(r as Role)), ...roles]),
      ] as Role[];
      await usersRepo.setMembershipRoles(tx, userId, associationId, wanted);
      await deps.audit.append(tx, {
        actorId: actor.id,
        action: 'user.join_association',
        subjectType: 'user',
        subjectId: userId,
        details: { associationId, roles: wanted },
      });
    },

    async setRoles(
      actor: CurrentUser,
      userId: string,
      wanted: readonly Role[],
      namedAssociationId?: string,
    ): Promise<UserSummary> {
      const roles = [...new Set(wanted)];
      // An administrator changes anyone's programme roles; association roles are changed in the
      // association the actor acts for, on its members (or, for an admin, anyone).
      const scope = scopeOf(actor);
      const updated = await deps.db.transaction(async (tx) => {
        const row = await usersRepo.findUserById(tx, scope, userId);
        if (!row) throw new AppError('NOT_FOUND', 'No such user.', 404);
        // A coordinator may neither grant nor take away roles outside their remit.
        const changed = [
          ...roles.filter((r) => !row.roles.includes(r)),
          ...(row.roles as Role[]).filter((r) => !roles.includes(r)),
        ];
        assertMayGrant(actor, changed);
        if (actor.id === userId && row.roles.includes('admin') && !roles.includes('admin')) {
          throw new AppError('CONFLICT', 'You cannot remove your own admin role.', 409);
        }
        const split = usersRepo.splitRoles(roles);
        const programmeChanged = changed.some((role) => !isAssociationRole(role));
        const associationChanged = changed.some((role) => isAssociationRole(role));
        if (programmeChanged) await usersRepo.updateProgrammeRoles(tx, userId, split.programme);
        if (associationChanged) {
          const associationId = await associationForRoles(tx, actor, namedAssociationId);
          await usersRepo.setMembershipRoles(tx, userId, associationId, split.association);
        }
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'user.set_roles',
          subjectType: 'user',
          subjectId: userId,
          details: { from: row.roles, to: roles },
        });
        return presentSummary({ ...row, roles });
      });
      // A proctor or coordinator whose role was taken away stops watching dashboards now.
      deps.rolesChanged?.();
      for (const listener of roleListeners) await listener();
      return updated;
    },
  };
}
