import {
  coordinatorGrantableRoles,
  type CreateUserRequest,
  type CurrentUser,
  type Role,
  type UserSummary,
} from '@exam/shared/api';
import type { Db, DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { AuditService } from '../audit/index.js';
import type { UserRow } from './auth.repo.js';
import { hashPassword } from './passwords.js';
import * as usersRepo from './users.repo.js';

export type UsersService = ReturnType<typeof createUsersService>;

function presentSummary(row: UserRow): UserSummary {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    roles: row.roles as Role[],
    disabled: row.disabled,
  };
}

/** An admin grants any role; a coordinator only candidate, proctor and grader. */
function assertMayGrant(actor: CurrentUser, roles: readonly Role[]): void {
  if (actor.roles.includes('admin')) return;
  const refused = roles.filter((role) => !coordinatorGrantableRoles.includes(role));
  if (refused.length > 0) {
    throw new AppError('FORBIDDEN', `Only an admin can grant: ${refused.join(', ')}.`, 403);
  }
}

/** Account administration: creating users and assigning roles, every change audited. */
export function createUsersService(deps: { db: Db; audit: Pick<AuditService, 'append'> }) {
  async function createWithin(
    tx: DbOrTx,
    actor: CurrentUser,
    input: { email: string; displayName: string; roles: Role[]; passwordHash: string },
  ): Promise<UserSummary> {
    const row = await usersRepo.insertUser(tx, {
      email: input.email,
      displayName: input.displayName,
      passwordHash: input.passwordHash,
      roles: input.roles,
    });
    if (!row) throw new AppError('ALREADY_EXISTS', 'A user with that email already exists.', 409);
    await deps.audit.append(tx, {
      actorId: actor.id,
      action: 'user.create',
      subjectType: 'user',
      subjectId: row.id,
      details: { roles: input.roles },
    });
    return presentSummary(row);
  }

  return {
    async list(): Promise<UserSummary[]> {
      return (await usersRepo.listUsers(deps.db)).map(presentSummary);
    },

    async create(actor: CurrentUser, input: CreateUserRequest): Promise<UserSummary> {
      const roles = [...new Set(input.roles)];
      assertMayGrant(actor, roles);
      const passwordHash = await hashPassword(input.password);
      return deps.db.transaction((tx) =>
        createWithin(tx, actor, { ...input, roles, passwordHash }),
      );
    },

    /**
     * Creates an account inside the caller's transaction, so it commits or rolls back with the
     * caller's change (an enrolment import creates candidates all together or not at all).
     */
    async createWithin(
      tx: DbOrTx,
      actor: CurrentUser,
      input: { email: string; displayName: string; roles: Role[]; passwordHash: string },
    ): Promise<UserSummary> {
      assertMayGrant(actor, input.roles);
      return createWithin(tx, actor, input);
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
      const row = await usersRepo.insertUser(tx, { ...input, roles: ['admin'] });
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

    async findByEmails(db: DbOrTx, emails: readonly string[]): Promise<UserSummary[]> {
      return (await usersRepo.findUsersByEmails(db, emails)).map(presentSummary);
    },

    async findByIds(db: DbOrTx, ids: readonly string[]): Promise<UserSummary[]> {
      return (await usersRepo.findUsersByIds(db, ids)).map(presentSummary);
    },

    async setRoles(
      actor: CurrentUser,
      userId: string,
      wanted: readonly Role[],
    ): Promise<UserSummary> {
      const roles = [...new Set(wanted)];
      return deps.db.transaction(async (tx) => {
        const row = await usersRepo.findUserById(tx, userId);
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
        await usersRepo.updateRoles(tx, userId, roles);
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'user.set_roles',
          subjectType: 'user',
          subjectId: userId,
          details: { from: row.roles, to: roles },
        });
        return presentSummary({ ...row, roles });
      });
    },
  };
}
