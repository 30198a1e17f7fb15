import {
  accountSessionsResponseSchema,
  accountTimeZoneSchema,
  invitationInfoSchema,
  passwordCheckResponseSchema,
  recoveryCodesResponseSchema,
  sessionResponseSchema,
  twoFactorEnrolmentSchema,
  twoFactorStatusSchema,
  type AcceptInvitationRequest,
  type AccountTimeZone,
  type AccountSession,
  type ChangePasswordRequest,
  type InvitationInfo,
  type PasswordCheckResponse,
  type SessionResponse,
  type TwoFactorEnrolment,
  type TwoFactorStatus,
} from '@exam/shared/api';
import { apiRequest, id, withSignal } from '../../lib/api';

export const changePassword = (body: ChangePasswordRequest) =>
  apiRequest('/api/account/password', { method: 'POST', body });

export async function fetchSessions(signal?: AbortSignal): Promise<AccountSession[]> {
  const response = await apiRequest('/api/account/sessions', {
    schema: accountSessionsResponseSchema,
    ...withSignal(signal),
  });
  return response.sessions;
}

export const revokeSession = (sessionId: string) =>
  apiRequest(`/api/account/sessions/${id(sessionId)}`, { method: 'DELETE' });

export const fetchTwoFactor = (signal?: AbortSignal): Promise<TwoFactorStatus> =>
  apiRequest('/api/account/two-factor', { schema: twoFactorStatusSchema, ...withSignal(signal) });

export const startEnrolment = (): Promise<TwoFactorEnrolment> =>
  apiRequest('/api/account/two-factor/enrolment', {
    method: 'POST',
    schema: twoFactorEnrolmentSchema,
  });

export async function confirmEnrolment(code: string): Promise<string[]> {
  const response = await apiRequest('/api/account/two-factor/confirm', {
    method: 'POST',
    body: { code },
    schema: recoveryCodesResponseSchema,
  });
  return response.recoveryCodes;
}

export const forgotPassword = (email: string) =>
  apiRequest('/api/auth/forgot-password', { method: 'POST', body: { email } });

export const resetPassword = (token: string, password: string) =>
  apiRequest('/api/auth/reset-password', { method: 'POST', body: { token, password } });

export const unlockAccount = (token: string) =>
  apiRequest('/api/auth/unlock', { method: 'POST', body: { token } });

export const fetchInvitation = (token: string): Promise<InvitationInfo> =>
  apiRequest('/api/auth/invitation', {
    method: 'POST',
    body: { token },
    schema: invitationInfoSchema,
  });

export const acceptInvitation = (body: AcceptInvitationRequest): Promise<SessionResponse> =>
  apiRequest('/api/auth/invitation/accept', {
    method: 'POST',
    body,
    schema: sessionResponseSchema,
  });

/** The server's password policy applied to a password being typed (see NewPasswordField). */
export const checkNewPassword = (
  password: string,
  account: { email?: string; displayName?: string },
  signal?: AbortSignal,
): Promise<PasswordCheckResponse> =>
  apiRequest('/api/auth/password-check', {
    method: 'POST',
    body: { password, ...account },
    schema: passwordCheckResponseSchema,
    ...withSignal(signal),
  });

export const fetchTimeZone = (signal?: AbortSignal): Promise<AccountTimeZone> =>
  apiRequest('/api/account/time-zone', { schema: accountTimeZoneSchema, ...withSignal(signal) });

export const saveTimeZone = (timeZone: string | null): Promise<AccountTimeZone> =>
  apiRequest('/api/account/time-zone', {
    method: 'PUT',
    body: { timeZone },
    schema: accountTimeZoneSchema,
  });
