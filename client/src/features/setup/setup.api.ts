import { userSummarySchema, type FirstAdminRequest, type UserSummary } from '@exam/shared/api';
import { apiRequest, envelope } from '../../lib/api';

const userSchema = envelope('user', userSummarySchema);

/** Throws the server's SETUP_LINK_INVALID (with its explanation) when the link would not work. */
export async function checkSetupLink(token: string): Promise<void> {
  await apiRequest('/api/setup/check', { method: 'POST', body: { token } });
}

export async function createFirstAdministrator(input: FirstAdminRequest): Promise<UserSummary> {
  const body = await apiRequest('/api/setup/administrator', {
    method: 'POST',
    body: input,
    schema: userSchema,
  });
  return body.user;
}
