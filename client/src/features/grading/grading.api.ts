import {
  graderListResponseSchema,
  graderResponseSchema,
  gradingQueueResponseSchema,
  gradingResponseViewSchema,
  myConflictsResponseSchema,
  rubricListResponseSchema,
  rubricResponseSchema,
  rubricVersionCreatedResponseSchema,
  scoreSheetResponseSchema,
  type DeclareConflictRequest,
  type GraderSummary,
  type GradingQueueResponse,
  type GradingResponseView,
  type MyConflictsResponse,
  type Rubric,
  type RubricContent,
  type RubricVersionCreatedResponse,
  type ScoreSheet,
  type ScoreSheetRequest,
  type UpdateGraderRequest,
} from '@exam/shared/api';
import type { Variant } from '@exam/shared/domain';
import { apiRequest, id, withSignal } from '../../lib/api';

const codePath = (code: string) => `/api/grading/queue/${id(code)}`;

export function getQueue(signal?: AbortSignal): Promise<GradingQueueResponse> {
  return apiRequest('/api/grading/queue', {
    schema: gradingQueueResponseSchema,
    ...withSignal(signal),
  });
}

export function getResponse(code: string, signal?: AbortSignal): Promise<GradingResponseView> {
  return apiRequest(codePath(code), { schema: gradingResponseViewSchema, ...withSignal(signal) });
}

export async function saveDraft(code: string, sheet: ScoreSheetRequest): Promise<ScoreSheet> {
  const body = await apiRequest(`${codePath(code)}/draft`, {
    method: 'PUT',
    body: sheet,
    schema: scoreSheetResponseSchema,
  });
  return body.sheet;
}

export async function submitSheet(code: string, sheet: ScoreSheetRequest): Promise<ScoreSheet> {
  const body = await apiRequest(`${codePath(code)}/submit`, {
    method: 'POST',
    body: sheet,
    schema: scoreSheetResponseSchema,
  });
  return body.sheet;
}

export function getMyConflicts(signal?: AbortSignal): Promise<MyConflictsResponse> {
  return apiRequest('/api/grading/conflicts', {
    schema: myConflictsResponseSchema,
    ...withSignal(signal),
  });
}

export function declareMyConflict(input: DeclareConflictRequest): Promise<void> {
  return apiRequest('/api/grading/conflicts', { method: 'POST', body: input });
}

export async function listGraders(signal?: AbortSignal): Promise<GraderSummary[]> {
  const body = await apiRequest('/api/grading/graders', {
    schema: graderListResponseSchema,
    ...withSignal(signal),
  });
  return body.graders;
}

export async function updateGrader(
  graderId: string,
  input: UpdateGraderRequest,
): Promise<GraderSummary> {
  const body = await apiRequest(`/api/grading/graders/${id(graderId)}`, {
    method: 'PUT',
    body: input,
    schema: graderResponseSchema,
  });
  return body.grader;
}

export async function addConflict(
  graderId: string,
  input: DeclareConflictRequest,
): Promise<GraderSummary> {
  const body = await apiRequest(`/api/grading/graders/${id(graderId)}/conflicts`, {
    method: 'POST',
    body: input,
    schema: graderResponseSchema,
  });
  return body.grader;
}

export async function removeConflict(
  graderId: string,
  candidateEmail: string,
): Promise<GraderSummary> {
  const body = await apiRequest(`/api/grading/graders/${id(graderId)}/conflicts/remove`, {
    method: 'POST',
    body: { candidateEmail },
    schema: graderResponseSchema,
  });
  return body.grader;
}

export async function listRubrics(signal?: AbortSignal): Promise<Rubric[]> {
  const body = await apiRequest('/api/grading/rubrics', {
    schema: rubricListResponseSchema,
    ...withSignal(signal),
  });
  return body.rubrics;
}

/** Saves a new version; the answer says which responses it took over and which stay behind. */
export function createRubricVersion(
  variant: Variant,
  content: RubricContent,
): Promise<RubricVersionCreatedResponse> {
  return apiRequest('/api/grading/rubrics', {
    method: 'POST',
    body: { variant, content },
    schema: rubricVersionCreatedResponseSchema,
  });
}

export async function updateRubric(rubricId: string, content: RubricContent): Promise<Rubric> {
  const body = await apiRequest(`/api/grading/rubrics/${id(rubricId)}`, {
    method: 'PUT',
    body: { content },
    schema: rubricResponseSchema,
  });
  return body.rubric;
}

export function reopenReading(code: string, graderId: string, reason: string): Promise<void> {
  return apiRequest(`/api/grading/items/${id(code)}/reopen`, {
    method: 'POST',
    body: { graderId, reason },
  });
}
