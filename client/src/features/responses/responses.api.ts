import {
  attemptResponsesSchema,
  responseHistorySchema,
  type AttemptResponses,
  type ResponseHistory,
  type RestoreResponseRequest,
} from '@exam/shared/api';
import { apiRequest, id, withSignal } from '../../lib/api';

/** The console's calls for a candidate's Part Two responses: the list, a history, a restore. */

export function getAttemptResponses(
  attemptId: string,
  signal?: AbortSignal,
): Promise<AttemptResponses> {
  return apiRequest(`/api/attempts/${id(attemptId)}/responses`, {
    schema: attemptResponsesSchema,
    ...withSignal(signal),
  });
}

export function getResponseHistory(
  attemptId: string,
  vignette: number,
  signal?: AbortSignal,
): Promise<ResponseHistory> {
  return apiRequest(`/api/attempts/${id(attemptId)}/responses/${vignette}/history`, {
    schema: responseHistorySchema,
    ...withSignal(signal),
  });
}

/** Makes an earlier version current again, as a new revision; answers with the new history. */
export function restoreResponse(
  attemptId: string,
  vignette: number,
  input: RestoreResponseRequest,
): Promise<ResponseHistory> {
  return apiRequest(`/api/attempts/${id(attemptId)}/responses/${vignette}/restore`, {
    method: 'POST',
    body: input,
    schema: responseHistorySchema,
  });
}
