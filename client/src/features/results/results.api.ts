import {
  gradingRulesResponseSchema,
  myResultsResponseSchema,
  releaseResponseSchema,
  resultsSittingListResponseSchema,
  sittingReviewResponseSchema,
  type GradingRules,
  type MyResultsResponse,
  type ReleaseResponse,
  type ResultsSittingSummary,
  type SittingReviewResponse,
} from '@exam/shared/api';
import { apiRequest, id, withSignal } from '../../lib/api';

export const sittingPath = (sittingId: string) => `/api/results/sittings/${id(sittingId)}`;

export async function listResultSittings(signal?: AbortSignal): Promise<ResultsSittingSummary[]> {
  const body = await apiRequest('/api/results/sittings', {
    schema: resultsSittingListResponseSchema,
    ...withSignal(signal),
  });
  return body.sittings;
}

/** The review joins names to scores: the server audits every call. */
export function getReview(id: string, signal?: AbortSignal): Promise<SittingReviewResponse> {
  return apiRequest(sittingPath(id), {
    schema: sittingReviewResponseSchema,
    ...withSignal(signal),
  });
}

export async function saveRules(id: string, rules: GradingRules): Promise<GradingRules> {
  const body = await apiRequest(`${sittingPath(id)}/rules`, {
    method: 'PUT',
    body: rules,
    schema: gradingRulesResponseSchema,
  });
  return body.rules;
}

export function releaseResults(id: string): Promise<ReleaseResponse> {
  return apiRequest(`${sittingPath(id)}/release`, {
    method: 'POST',
    schema: releaseResponseSchema,
  });
}

export function getMyResults(signal?: AbortSignal): Promise<MyResultsResponse> {
  return apiRequest('/api/results/mine', {
    schema: myResultsResponseSchema,
    ...withSignal(signal),
  });
}
