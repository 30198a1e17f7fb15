import {
  candidateListResponseSchema,
  candidateResponseSchema,
  enrolmentImportReportSchema,
  enrolmentListResponseSchema,
  enrolOneResponseSchema,
  sittingListResponseSchema,
  sittingReadinessResponseSchema,
  sittingResponseSchema,
  userSummarySchema,
  vignetteSetListResponseSchema,
  vignetteSetResponseSchema,
  type AccommodationsInput,
  type CandidateSummary,
  type EnrolmentImportReport,
  type EnrolmentImportRequest,
  type EnrolOneRequest,
  type EnrolOneResponse,
  type Enrolment,
  type SittingDetail,
  type SittingInput,
  type SittingReadinessResponse,
  type SittingSummary,
  type UserSummary,
  type VignetteSetDetail,
  type VignetteSetInput,
  type VignetteSetSummary,
} from '@exam/shared/api';
import { apiRequest, envelope, id, withSignal } from '../../lib/api';

/** The coordinator console's calls for sittings, enrolment, candidates and vignette sets. */

export async function listSittings(signal?: AbortSignal): Promise<SittingSummary[]> {
  const body = await apiRequest('/api/sittings', {
    schema: sittingListResponseSchema,
    ...withSignal(signal),
  });
  return body.sittings;
}

export async function getSitting(sittingId: string, signal?: AbortSignal): Promise<SittingDetail> {
  const body = await apiRequest(`/api/sittings/${id(sittingId)}`, {
    schema: sittingResponseSchema,
    ...withSignal(signal),
  });
  return body.sitting;
}

export async function saveSitting(
  sittingId: string | null,
  input: SittingInput,
): Promise<SittingDetail> {
  const body = await apiRequest(sittingId ? `/api/sittings/${id(sittingId)}` : '/api/sittings', {
    method: sittingId ? 'PUT' : 'POST',
    body: input,
    schema: sittingResponseSchema,
  });
  return body.sitting;
}

export async function transitionSitting(sittingId: string, to: string): Promise<SittingDetail> {
  const body = await apiRequest(`/api/sittings/${id(sittingId)}/transition`, {
    method: 'POST',
    body: { to },
    schema: sittingResponseSchema,
  });
  return body.sitting;
}

export function sittingReadiness(
  sittingId: string,
  signal?: AbortSignal,
): Promise<SittingReadinessResponse> {
  return apiRequest(`/api/sittings/${id(sittingId)}/readiness`, {
    schema: sittingReadinessResponseSchema,
    ...withSignal(signal),
  });
}

export async function listEnrolments(
  sittingId: string,
  signal?: AbortSignal,
): Promise<Enrolment[]> {
  const body = await apiRequest(`/api/sittings/${id(sittingId)}/enrolments`, {
    schema: enrolmentListResponseSchema,
    ...withSignal(signal),
  });
  return body.enrolments;
}

export function enrolOne(sittingId: string, input: EnrolOneRequest): Promise<EnrolOneResponse> {
  return apiRequest(`/api/sittings/${id(sittingId)}/enrolments`, {
    method: 'POST',
    body: input,
    schema: enrolOneResponseSchema,
  });
}

export function importEnrolments(
  sittingId: string,
  input: EnrolmentImportRequest,
): Promise<EnrolmentImportReport> {
  return apiRequest(`/api/sittings/${id(sittingId)}/enrolments/import`, {
    method: 'POST',
    body: input,
    schema: enrolmentImportReportSchema,
  });
}

export function withdrawEnrolment(sittingId: string, enrolmentId: string): Promise<void> {
  return apiRequest(`/api/sittings/${id(sittingId)}/enrolments/${id(enrolmentId)}`, {
    method: 'DELETE',
  });
}

export function exportUrl(sittingId: string, kind: 'roster' | 'attempts'): string {
  return `/api/sittings/${id(sittingId)}/exports/${kind}.csv`;
}

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
export async function listProctors(signal?: AbortSignal): Promise<UserSummary[]> {
  const body = await apiRequest('/api/users', {
    schema: envelope('users', userSummarySchema.array()),
    ...withSignal(signal),
  });
  return body.users.filter((u) => u.roles.includes('proctor') && !u.disabled);
}

export async function listVignetteSets(signal?: AbortSignal): Promise<VignetteSetSummary[]> {
  const body = await apiRequest('/api/vignette-sets', {
    schema: vignetteSetListResponseSchema,
    ...withSignal(signal),
  });
  return body.sets;
}

export async function getVignetteSet(
  setId: string,
  signal?: AbortSignal,
): Promise<VignetteSetDetail> {
  const body = await apiRequest(`/api/vignette-sets/${id(setId)}`, {
    schema: vignetteSetResponseSchema,
    ...withSignal(signal),
  });
  return body.set;
}

export async function saveVignetteSet(
  setId: string | null,
  input: VignetteSetInput,
): Promise<VignetteSetDetail> {
  const body = await apiRequest(setId ? `/api/vignette-sets/${id(setId)}` : '/api/vignette-sets', {
    method: setId ? 'PUT' : 'POST',
    body: input,
    schema: vignetteSetResponseSchema,
  });
  return body.set;
}

export async function setVignetteSetStatus(
  setId: string,
  action: 'retire' | 'restore',
): Promise<VignetteSetDetail> {
  const body = await apiRequest(`/api/vignette-sets/${id(setId)}/${action}`, {
    method: 'POST',
    schema: vignetteSetResponseSchema,
  });
  return body.set;
}

export async function setSittingProctors(
  sittingId: string,
  proctorIds: string[],
): Promise<SittingDetail> {
  const body = await apiRequest(`/api/sittings/${id(sittingId)}/proctors`, {
    method: 'PUT',
    body: { proctorIds },
    schema: sittingResponseSchema,
  });
  return body.sitting;
}
