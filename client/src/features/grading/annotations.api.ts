import {
  annotationResponseSchema,
  readingAnnotationsResponseSchema,
  responseAnnotationsResponseSchema,
  type Annotation,
  type CreateAnnotationRequest,
  type ReadingAnnotationsResponse,
  type ResponseAnnotationsResponse,
} from '@exam/shared/api';
import { apiRequest, id, withSignal } from '../../lib/api';

const readingPath = (code: string) => `/api/grading/queue/${id(code)}/annotations`;
const itemPath = (code: string) => `/api/grading/items/${id(code)}/annotations`;

export function getReadingAnnotations(
  code: string,
  signal?: AbortSignal,
): Promise<ReadingAnnotationsResponse> {
  return apiRequest(readingPath(code), {
    schema: readingAnnotationsResponseSchema,
    ...withSignal(signal),
  });
}

export async function addAnnotation(
  code: string,
  input: CreateAnnotationRequest,
): Promise<Annotation> {
  const body = await apiRequest(readingPath(code), {
    method: 'POST',
    body: input,
    schema: annotationResponseSchema,
  });
  return body.annotation;
}

export function removeAnnotation(code: string, annotationId: string): Promise<void> {
  return apiRequest(`${readingPath(code)}/${id(annotationId)}`, { method: 'DELETE' });
}

export function getResponseAnnotations(
  code: string,
  signal?: AbortSignal,
): Promise<ResponseAnnotationsResponse> {
  return apiRequest(itemPath(code), {
    schema: responseAnnotationsResponseSchema,
    ...withSignal(signal),
  });
}

export function includeAnnotation(
  code: string,
  annotationId: string,
  include: boolean,
): Promise<void> {
  return apiRequest(`${itemPath(code)}/${id(annotationId)}`, {
    method: 'PUT',
    body: { include },
  });
}
