import {
  enrolmentImportReportSchema,
  enrolmentListResponseSchema,
  enrolOneResponseSchema,
  sittingListResponseSchema,
  sittingReadinessResponseSchema,
  sittingResponseSchema,
  userSummarySchema,
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
} from '@exam/shared/api';
import { apiRequest, envelope, id, withSignal } from '../../lib/api';

/** The console's calls for sittings: schedule and status, enrolment, proctors, exports. */

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

export async function listProctors(signal?: AbortSignal): Promise<UserSummary[]> {
  const body = await apiRequest('/api/users', {
    schema: envelope('users', userSummarySchema.array()),
    ...withSignal(signal),
  });
  return body.users.filter((u) => u.roles.includes('proctor') && !u.disabled);
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
