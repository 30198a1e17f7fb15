import {
  studyPointerResponseSchema,
  studyPointersResponseSchema,
  type StudyPointerContent,
  type StudyPointerEntry,
} from '@exam/shared/api';
import { apiRequest, id, withSignal } from '../../lib/api';

/** Every competency domain's study pointer, in the product's domain order. */
export async function listStudyPointers(signal?: AbortSignal): Promise<StudyPointerEntry[]> {
  const body = await apiRequest('/api/study-pointers', {
    schema: studyPointersResponseSchema,
    ...withSignal(signal),
  });
  return body.pointers;
}

/** Replaces one domain's pointer; the server trims and validates, and returns what it stored. */
export async function saveStudyPointer(
  domain: string,
  content: StudyPointerContent,
): Promise<StudyPointerEntry> {
  const body = await apiRequest(`/api/study-pointers/${id(domain)}`, {
    method: 'PUT',
    body: content,
    schema: studyPointerResponseSchema,
  });
  return body.pointer;
}
