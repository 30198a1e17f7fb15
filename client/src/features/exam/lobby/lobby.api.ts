import { lobbyResponseSchema, type LobbyResponse } from '@exam/shared/api';
import { apiRequest, withSignal } from '../../../lib/api';

export function fetchLobby(signal?: AbortSignal): Promise<LobbyResponse> {
  return apiRequest('/api/proctoring/lobby', {
    schema: lobbyResponseSchema,
    ...withSignal(signal),
  });
}

/** Redeems a proctor's resume code for this sign-in; throws ApiError with the reason if refused. */
export function redeemResumeCode(code: string): Promise<void> {
  return apiRequest('/api/proctoring/resume-codes/redeem', { method: 'POST', body: { code } });
}
