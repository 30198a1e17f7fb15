import {
  userSummarySchema,
  type CreateUserRequest,
  type Role,
  type UserSummary,
} from '@exam/shared/api';
import { apiRequest, envelope } from '../../lib/api';

const userListSchema = envelope('users', userSummarySchema.array());
const userSchema = envelope('user', userSummarySchema);

export async function listUsers(signal?: AbortSignal): Promise<UserSummary[]> {
  const body = await apiRequest('/api/users', {
    schema: userListSchema,
    ...(signal ? { signal } : {}),
  });
  return body.users;
}

export async function createUser(input: CreateUserRequest): Promise<UserSummary> {
  const body = await apiRequest('/api/users', { method: 'POST', body: input, schema: userSchema });
  return body.user;
}

export async function setUserRoles(id: string, roles: readonly Role[]): Promise<UserSummary> {
  const body = await apiRequest(`/api/users/${encodeURIComponent(id)}/roles`, {
    method: 'PUT',
    body: { roles },
    schema: userSchema,
  });
  return body.user;
}
