import {
  disconnectsResponseSchema,
  incidentResponseSchema,
  ledgerResponseSchema,
  proctorCandidateResponseSchema,
  proctorSittingsResponseSchema,
  resumeCodeResponseSchema,
  roomActionResponseSchema,
  type CreditDisconnectRequest,
  type ExtendTimeRequest,
  type ProctorReasonRequest,
  type ProctorSittingSummary,
  type RecordedDisconnect,
  type RecordIncidentRequest,
  type ResumeCodeResponse,
  type RoomActionResponse,
} from '@exam/shared/api';
import type { Incident, LedgerEntry, ProctorCandidate } from '@exam/shared/protocol';
import { apiRequest, id, withSignal } from '../../lib/api';

const enrolmentUrl = (enrolmentId: string, action: string) =>
  `/api/proctoring/enrolments/${id(enrolmentId)}/${action}`;
const sittingUrl = (sittingId: string, action: string) =>
  `/api/proctoring/sittings/${id(sittingId)}/${action}`;

export async function listProctorSittings(signal?: AbortSignal): Promise<ProctorSittingSummary[]> {
  const body = await apiRequest('/api/proctoring/sittings', {
    schema: proctorSittingsResponseSchema,
    ...withSignal(signal),
  });
  return body.sittings;
}

/** The per-candidate actions that take a reason (admission only after the late cutoff). */
export type CandidateAction =
  | { kind: 'admit'; reason?: string }
  | ({ kind: 'pause' | 'resume' | 'end' } & ProctorReasonRequest)
  | ({ kind: 'extend' } & ExtendTimeRequest)
  | ({ kind: 'credit' } & CreditDisconnectRequest);

export async function actOnCandidate(
  enrolmentId: string,
  action: CandidateAction,
): Promise<ProctorCandidate> {
  const { kind, ...body } = action;
  const response = await apiRequest(enrolmentUrl(enrolmentId, kind), {
    method: 'POST',
    body,
    schema: proctorCandidateResponseSchema,
  });
  return response.candidate;
}

export async function listDisconnects(enrolmentId: string): Promise<RecordedDisconnect[]> {
  const body = await apiRequest(enrolmentUrl(enrolmentId, 'disconnects'), {
    schema: disconnectsResponseSchema,
  });
  return body.disconnects;
}

export function issueResumeCode(enrolmentId: string): Promise<ResumeCodeResponse> {
  return apiRequest(enrolmentUrl(enrolmentId, 'resume-code'), {
    method: 'POST',
    body: {},
    schema: resumeCodeResponseSchema,
  });
}

export async function setRoomPaused(
  sittingId: string,
  pause: boolean,
  cause: ProctorReasonRequest,
): Promise<RoomActionResponse> {
  return apiRequest(sittingUrl(sittingId, pause ? 'pause' : 'resume'), {
    method: 'POST',
    body: cause,
    schema: roomActionResponseSchema,
  });
}

export async function recordIncident(
  sittingId: string,
  request: RecordIncidentRequest,
): Promise<Incident> {
  const body = await apiRequest(sittingUrl(sittingId, 'incidents'), {
    method: 'POST',
    body: request,
    schema: incidentResponseSchema,
  });
  return body.incident;
}

/** A candidate's time ledger, oldest first. */
export async function loadLedger(enrolmentId: string): Promise<LedgerEntry[]> {
  const body = await apiRequest(enrolmentUrl(enrolmentId, 'ledger'), {
    schema: ledgerResponseSchema,
  });
  return body.entries;
}
