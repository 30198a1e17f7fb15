import { coordinatorGrantableRoles, roles, type Role } from '@exam/shared/api';

/** The roles this user may grant or take away: all for an admin, the shared list for a coordinator. */
export function grantableRoles(actorRoles: readonly Role[]): readonly Role[] {
  if (actorRoles.includes('admin')) return roles;
  if (actorRoles.includes('coordinator')) return coordinatorGrantableRoles;
  return [];
}
