import {
  grantAssociationsResponseSchema,
  pendingInvitationsResponseSchema,
  userSummarySchema,
  type AssociationRef,
  type CreateUserRequest,
  type PendingInvitation,
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

/** Invitations not yet accepted, in the signed-in user's association (all, for an admin). */
export async function listInvitations(signal?: AbortSignal): Promise<PendingInvitation[]> {
  const body = await apiRequest('/api/invitations', {
    schema: pendingInvitationsResponseSchema,
    ...withSignal(signal),
  });
  return body.invitations;
}

/** A new link by mail; the old one stops working. */
export const resendInvitation = (invitationId: string) =>
  apiRequest(`/api/invitations/${id(invitationId)}/resend`, { method: 'POST', body: {} });

export const revokeInvitation = (invitationId: string) =>
  apiRequest(`/api/invitations/${id(invitationId)}/revoke`, { method: 'POST', body: {} });

/** An administrator clears a user's second factor (audited; the user is mailed). */
export const resetTwoFactor = (userId: string) =>
  apiRequest(`/api/users/${id(userId)}/two-factor/reset`, { method: 'POST', body: {} });
