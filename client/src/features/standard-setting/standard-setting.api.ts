import {
  bankFormListResponseSchema,
  myStudiesResponseSchema,
  panelViewResponseSchema,
  panelistOptionsResponseSchema,
  scoringCorrectionResultSchema,
  scoringCorrectionsResponseSchema,
  sittingResponseSchema,
  studyListResponseSchema,
  studyResponseSchema,
  type AdoptCutRequest,
  type BankFormSummary,
  type MyStudiesResponse,
  type PanelView,
  type ScoringCorrectionRequest,
  type StudyDetail,
  type StudySummary,
} from '@exam/shared/api';
import { apiRequest } from '../../lib/api';

const signalOf = (signal?: AbortSignal) => (signal ? { signal } : {});
const studyPath = (id: string) => `/api/standard-setting/studies/${encodeURIComponent(id)}`;
const panelPath = (id: string) => `/api/standard-setting/panel/${encodeURIComponent(id)}`;

export async function listStudies(signal?: AbortSignal): Promise<StudySummary[]> {
  const body = await apiRequest('/api/standard-setting/studies', {
    schema: studyListResponseSchema,
    ...signalOf(signal),
  });
  return body.studies;
}

export async function listForms(signal?: AbortSignal): Promise<BankFormSummary[]> {
  const body = await apiRequest('/api/bank/forms', {
    schema: bankFormListResponseSchema,
    ...signalOf(signal),
  });
  return body.forms;
}

export async function createStudy(formId: string, name: string): Promise<StudyDetail> {
  const body = await apiRequest('/api/standard-setting/studies', {
    method: 'POST',
    body: { formId, name },
    schema: studyResponseSchema,
  });
  return body.study;
}

export async function getStudy(id: string, signal?: AbortSignal): Promise<StudyDetail> {
  const body = await apiRequest(studyPath(id), {
    schema: studyResponseSchema,
    ...signalOf(signal),
  });
  return body.study;
}

export async function listPanelists(signal?: AbortSignal) {
  const body = await apiRequest('/api/standard-setting/panelists', {
    schema: panelistOptionsResponseSchema,
    ...signalOf(signal),
  });
  return body.panelists;
}

async function studyAction(id: string, action: string, body: unknown = {}): Promise<StudyDetail> {
  const response = await apiRequest(`${studyPath(id)}/${action}`, {
    method: 'POST',
    body,
    schema: studyResponseSchema,
  });
  return response.study;
}

export const addPanelist = (id: string, userId: string) => studyAction(id, 'panelists', { userId });
export const openRoundTwo = (id: string) => studyAction(id, 'round-two');
export const adoptCut = (id: string, request: AdoptCutRequest) => studyAction(id, 'adopt', request);

export function myStudies(signal?: AbortSignal): Promise<MyStudiesResponse> {
  return apiRequest('/api/standard-setting/panel', {
    schema: myStudiesResponseSchema,
    ...signalOf(signal),
  });
}

export async function panelView(id: string, signal?: AbortSignal): Promise<PanelView> {
  const body = await apiRequest(panelPath(id), {
    schema: panelViewResponseSchema,
    ...signalOf(signal),
  });
  return body.study;
}

export function saveRating(id: string, round: 1 | 2, position: number, rating: number) {
  return apiRequest(`${panelPath(id)}/ratings`, {
    method: 'PUT',
    body: { round, position, rating },
  });
}

const correctionsPath = (sittingId: string) =>
  `/api/scoring-corrections/sittings/${encodeURIComponent(sittingId)}`;

export function listCorrections(sittingId: string, signal?: AbortSignal) {
  return apiRequest(correctionsPath(sittingId), {
    schema: scoringCorrectionsResponseSchema,
    ...signalOf(signal),
  });
}

export function correctItem(sittingId: string, request: ScoringCorrectionRequest) {
  return apiRequest(correctionsPath(sittingId), {
    method: 'POST',
    body: request,
    schema: scoringCorrectionResultSchema,
  });
}

export async function sittingForms(sittingId: string, signal?: AbortSignal) {
  const body = await apiRequest(`/api/sittings/${encodeURIComponent(sittingId)}`, {
    schema: sittingResponseSchema,
    ...signalOf(signal),
  });
  return body.sitting;
}
