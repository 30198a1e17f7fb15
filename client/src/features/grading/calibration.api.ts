import {
  benchmarkListResponseSchema,
  benchmarkResponseSchema,
  benchmarkSourcesResponseSchema,
  calibrationSettingsSchema,
  myQualificationsResponseSchema,
  pauseReviewResponseSchema,
  qualificationOverviewResponseSchema,
  qualificationRoundViewSchema,
  startQualificationResponseSchema,
  type BenchmarkDetail,
  type BenchmarkSource,
  type BenchmarkSummary,
  type CalibrationSettings,
  type CreateBenchmarkRequest,
  type DecideQualificationRequest,
  type GraderQualificationRow,
  type MyQualificationsResponse,
  type PauseReviewResponse,
  type QualificationLevel,
  type QualificationRoundView,
  type SendToAnotherReaderRequest,
} from '@exam/shared/api';
import type { Variant } from '@exam/shared/domain';
import { apiRequest, id, withSignal } from '../../lib/api';

/** A grader's qualification sets. */
export function getMyQualifications(signal?: AbortSignal): Promise<MyQualificationsResponse> {
  return apiRequest('/api/grading/qualification', {
    schema: myQualificationsResponseSchema,
    ...withSignal(signal),
  });
}

export async function startQualification(variant: Variant): Promise<string> {
  const body = await apiRequest('/api/grading/qualification', {
    method: 'POST',
    body: { variant },
    schema: startQualificationResponseSchema,
  });
  return body.roundId;
}

export function getRound(roundId: string, signal?: AbortSignal): Promise<QualificationRoundView> {
  return apiRequest(`/api/grading/qualification/${id(roundId)}`, {
    schema: qualificationRoundViewSchema,
    ...withSignal(signal),
  });
}

export function saveRoundLevels(
  roundId: string,
  position: number,
  levels: QualificationLevel[],
): Promise<void> {
  return apiRequest(`/api/grading/qualification/${id(roundId)}/responses/${position}`, {
    method: 'PUT',
    body: { levels },
  });
}

export function finishRound(roundId: string): Promise<QualificationRoundView> {
  return apiRequest(`/api/grading/qualification/${id(roundId)}/finish`, {
    method: 'POST',
    schema: qualificationRoundViewSchema,
  });
}

/** The standard keepers' side: decisions, settings, benchmarks, pauses. */
export async function getQualificationOverview(
  signal?: AbortSignal,
): Promise<GraderQualificationRow[]> {
  const body = await apiRequest('/api/grading/qualifications', {
    schema: qualificationOverviewResponseSchema,
    ...withSignal(signal),
  });
  return body.rows;
}

export function decideQualification(input: DecideQualificationRequest): Promise<void> {
  return apiRequest('/api/grading/qualifications/decide', { method: 'POST', body: input });
}

export function getCalibrationSettings(signal?: AbortSignal): Promise<CalibrationSettings> {
  return apiRequest('/api/grading/calibration-settings', {
    schema: calibrationSettingsSchema,
    ...withSignal(signal),
  });
}

export function saveCalibrationSettings(input: CalibrationSettings): Promise<void> {
  return apiRequest('/api/grading/calibration-settings', { method: 'PUT', body: input });
}

export async function listBenchmarks(signal?: AbortSignal): Promise<BenchmarkSummary[]> {
  const body = await apiRequest('/api/grading/benchmarks', {
    schema: benchmarkListResponseSchema,
    ...withSignal(signal),
  });
  return body.benchmarks;
}

export async function listBenchmarkSources(signal?: AbortSignal): Promise<BenchmarkSource[]> {
  const body = await apiRequest('/api/grading/benchmark-sources', {
    schema: benchmarkSourcesResponseSchema,
    ...withSignal(signal),
  });
  return body.sources;
}

export async function createBenchmark(input: CreateBenchmarkRequest): Promise<BenchmarkDetail> {
  const body = await apiRequest('/api/grading/benchmarks', {
    method: 'POST',
    body: input,
    schema: benchmarkResponseSchema,
  });
  return body.benchmark;
}

export function getPauseReview(
  pauseId: string,
  signal?: AbortSignal,
): Promise<PauseReviewResponse> {
  return apiRequest(`/api/grading/monitoring/pauses/${id(pauseId)}`, {
    schema: pauseReviewResponseSchema,
    ...withSignal(signal),
  });
}

export function liftPause(pauseId: string, note: string): Promise<void> {
  return apiRequest(`/api/grading/monitoring/pauses/${id(pauseId)}/lift`, {
    method: 'POST',
    body: { note },
  });
}

export function sendToAnotherReader(input: SendToAnotherReaderRequest): Promise<void> {
  return apiRequest('/api/grading/monitoring/send-to-another-reader', {
    method: 'POST',
    body: input,
  });
}
