import {
  appealDetailSchema,
  appealListResponseSchema,
  findReviewerResponseSchema,
  myAppealsResponseSchema,
  type AppealDetail,
  type AppealListResponse,
  type AppealRequest,
  type DecideAppealRequest,
  type FindReviewerResponse,
  type MyAppealsResponse,
  type TriageAppealRequest,
} from '@exam/shared/api';
import { apiRequest, id, withSignal } from '../../lib/api';

export function getMyAppeals(signal?: AbortSignal): Promise<MyAppealsResponse> {
  return apiRequest('/api/appeals/mine', {
    schema: myAppealsResponseSchema,
    ...withSignal(signal),
  });
}

export function requestAppeal(input: AppealRequest): Promise<void> {
  return apiRequest('/api/appeals', { method: 'POST', body: input });
}

export function listAppeals(signal?: AbortSignal): Promise<AppealListResponse> {
  return apiRequest('/api/appeals', { schema: appealListResponseSchema, ...withSignal(signal) });
}

export function getAppeal(appealId: string, signal?: AbortSignal): Promise<AppealDetail> {
  return apiRequest(`/api/appeals/${id(appealId)}`, {
    schema: appealDetailSchema,
    ...withSignal(signal),
  });
}

export function triageAppeal(appealId: string, input: TriageAppealRequest): Promise<void> {
  return apiRequest(`/api/appeals/${id(appealId)}/triage`, { method: 'POST', body: input });
}

export function decideAppeal(appealId: string, input: DecideAppealRequest): Promise<void> {
  return apiRequest(`/api/appeals/${id(appealId)}/decide`, { method: 'POST', body: input });
}

/** "Find a reviewer" for an accepted appeal whose response waits for one. */
export function findReviewer(appealId: string): Promise<FindReviewerResponse> {
  return apiRequest(`/api/appeals/${id(appealId)}/find-reviewer`, {
    method: 'POST',
    schema: findReviewerResponseSchema,
  });
}
