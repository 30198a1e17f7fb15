import {
  candidateListResponseSchema,
  candidateResponseSchema,
  type AccommodationsInput,
  type CandidateSummary,
} from '@exam/shared/api';
import { apiRequest, id, withSignal } from '../../lib/api';

/** The console's calls for candidates and their accommodations. */

export async function listCandidates(signal?: AbortSignal): Promise<CandidateSummary[]> {
  const body = await apiRequest('/api/candidates', {
    schema: candidateListResponseSchema,
    ...withSignal(signal),
  });
  return body.candidates;
}

export async function getCandidate(
  candidateId: string,
  signal?: AbortSignal,
): Promise<CandidateSummary> {
  const body = await apiRequest(`/api/candidates/${id(candidateId)}`, {
    schema: candidateResponseSchema,
    ...withSignal(signal),
  });
  return body.candidate;
}

export async function saveAccommodations(
  candidateId: string,
  input: AccommodationsInput,
): Promise<CandidateSummary> {
  const body = await apiRequest(`/api/candidates/${id(candidateId)}/accommodations`, {
    method: 'PUT',
    body: input,
    schema: candidateResponseSchema,
  });
  return body.candidate;
}

/** Everyone holding the proctor role, for assigning to sittings. */
