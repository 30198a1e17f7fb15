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
import { apiRequest, id, withSignal } from '../../lib/api';

const studyPath = (studyId: string) => `/api/standard-setting/studies/${id(studyId)}`;
const panelPath = (studyId: string) => `/api/standard-setting/panel/${id(studyId)}`;

export async function listStudies(signal?: AbortSignal): Promise<StudySummary[]> {
  const body = await apiRequest('/api/standard-setting/studies', {
    schema: studyListResponseSchema,
    ...withSignal(signal),
  });
  return body.studies;
}

export async function listForms(signal?: AbortSignal): Promise<BankFormSummary[]> {
  const body = await apiRequest('/api/bank/forms', {
    schema: bankFormListResponseSchema,
    ...withSignal(signal),
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

export async function getStudy(studyId: string, signal?: AbortSignal): Promise<StudyDetail> {
  const body = await apiRequest(studyPath(studyId), {
    schema: studyResponseSchema,
    ...withSignal(signal),
  });
  return body.study;
}

export async function listPanelists(signal?: AbortSignal) {
  const body = await apiRequest('/api/standard-setting/panelists', {
    schema: panelistOptionsResponseSchema,
    ...withSignal(signal),
  });
  return body.panelists;
}

async function studyAction(
  studyId: string,
  action: string,
  body: unknown = {},
): Promise<StudyDetail> {
  const response = await apiRequest(`${studyPath(studyId)}/${action}`, {
    method: 'POST',
    body,
    schema: studyResponseSchema,
  });
  return response.study;
}

export const addPanelist = (studyId: string, userId: string) =>
  studyAction(studyId, 'panelists', { userId });
export const openRoundTwo = (studyId: string) => studyAction(studyId, 'round-two');
export const adoptCut = (studyId: string, request: AdoptCutRequest) =>
  studyAction(studyId, 'adopt', request);

export function myStudies(signal?: AbortSignal): Promise<MyStudiesResponse> {
  return apiRequest('/api/standard-setting/panel', {
    schema: myStudiesResponseSchema,
    ...withSignal(signal),
  });
}

export async function panelView(studyId: string, signal?: AbortSignal): Promise<PanelView> {
  const body = await apiRequest(panelPath(studyId), {
    schema: panelViewResponseSchema,
    ...withSignal(signal),
  });
  return body.study;
}

export function saveRating(studyId: string, round: 1 | 2, position: number, rating: number) {
  return apiRequest(`${panelPath(studyId)}/ratings`, {
    method: 'PUT',
    body: { round, position, rating },
  });
}

const correctionsPath = (sittingId: string) => `/api/scoring-corrections/sittings/${id(sittingId)}`;

export function listCorrections(sittingId: string, signal?: AbortSignal) {
  return apiRequest(correctionsPath(sittingId), {
    schema: scoringCorrectionsResponseSchema,
    ...withSignal(signal),
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
  const body = await apiRequest(`/api/sittings/${id(sittingId)}`, {
    schema: sittingResponseSchema,
    ...withSignal(signal),
  });
  return body.sitting;
}
