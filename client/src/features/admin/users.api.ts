import {
  grantAssociationsResponseSchema,
  userSummarySchema,
  type AssociationRef,
  type CreateUserRequest,
  type Role,
  type UserSummary,
} from '@exam/shared/api';
import { apiRequest, envelope, id, withSignal } from '../../lib/api';

const userListSchema = envelope('users', userSummarySchema.array());
const userSchema = envelope('user', userSummarySchema);

export async function listUsers(signal?: AbortSignal): Promise<UserSummary[]> {
  const body = await apiRequest('/api/users', {
    schema: userListSchema,
    ...withSignal(signal),
  });
  return body.users;
}

export async function createUser(input: CreateUserRequest): Promise<UserSummary> {
  const body = await apiRequest('/api/users', { method: 'POST', body: input, schema: userSchema });
  return body.user;
}

export async function setUserRoles(userId: string, roles: readonly Role[]): Promise<UserSummary> {
  const body = await apiRequest(`/api/users/${id(userId)}/roles`, {
    method: 'PUT',
    body: { roles },
    schema: userSchema,
  });
  return body.user;
}

/** Where the signed-in user may grant association roles (every association for an admin). */
export async function listGrantAssociations(signal?: AbortSignal): Promise<AssociationRef[]> {
  const body = await apiRequest('/api/users/associations', {
    schema: grantAssociationsResponseSchema,
    ...withSignal(signal),
  });
  return body.associations;
}
