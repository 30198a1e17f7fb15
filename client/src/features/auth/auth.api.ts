import {
  loginResponseSchema,
  sessionResponseSchema,
  type LoginRequest,
  type LoginResponse,
  type SessionResponse,
  type TwoFactorLoginRequest,
} from '@exam/shared/api';
import { ApiError, apiRequest, withSignal } from '../../lib/api';

/**
 * Signs in; the server sets the session cookie and answers with the session, or, for an account
 * with two-factor, with a pending sign-in that a code completes.
 */
export function login(credentials: LoginRequest): Promise<LoginResponse> {
  return apiRequest('/api/auth/login', {
    method: 'POST',
    body: credentials,
    schema: loginResponseSchema,
  });
}

/** The second step: an authenticator code or a recovery code opens the session. */
export function loginTwoFactor(request: TwoFactorLoginRequest): Promise<SessionResponse> {
  return apiRequest('/api/auth/login/two-factor', {
    method: 'POST',
    body: request,
    schema: sessionResponseSchema,
  });
}

/** Ends the session on the server; an already-expired session counts as signed out. */
export async function logout(): Promise<void> {
  try {
    await apiRequest('/api/auth/logout', { method: 'POST' });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return;
    throw error;
  }
}

/**
 * The current session, or null when nobody is signed in. It asks the route that answers 204 for
 * nobody, so a visit to the sign-in page logs no failed request in the browser's console.
 */
export async function fetchSession(signal?: AbortSignal): Promise<SessionResponse | null> {
  const session = await apiRequest('/api/auth/session/current', {
    schema: sessionResponseSchema.optional(),
    ...withSignal(signal),
  });
  return session ?? null;
}

/** Makes the session act for another of the user's associations. */
export function actForAssociation(associationId: string): Promise<SessionResponse> {
  return apiRequest('/api/auth/association', {
    method: 'POST',
    body: { associationId },
    schema: sessionResponseSchema,
  });
}
