import {
  feedbackReviewResponseSchema,
  responseAnnotationsResponseSchema,
  type ApproveFeedbackRequest,
  type EditFeedbackRequest,
  type FeedbackReviewResponse,
  type ResponseAnnotationsResponse,
} from '@exam/shared/api';
import { apiRequest, id, withSignal } from '../../lib/api';
import { sittingPath } from './results.api';

const feedbackPath = (id: string) => `${sittingPath(id)}/feedback`;

/** The review joins names to graders' comments: the server audits every call. */
export function getFeedbackReview(
  id: string,
  signal?: AbortSignal,
): Promise<FeedbackReviewResponse> {
  return apiRequest(feedbackPath(id), {
    schema: feedbackReviewResponseSchema,
    ...withSignal(signal),
  });
}

export function editFeedbackComment(
  id: string,
  edit: EditFeedbackRequest,
): Promise<FeedbackReviewResponse> {
  return apiRequest(`${feedbackPath(id)}/comment`, {
    method: 'PUT',
    body: edit,
    schema: feedbackReviewResponseSchema,
  });
}

export function approveFeedback(
  id: string,
  approvals: ApproveFeedbackRequest['approvals'],
): Promise<FeedbackReviewResponse> {
  return apiRequest(`${feedbackPath(id)}/approvals`, {
    method: 'POST',
    body: { approvals },
    schema: feedbackReviewResponseSchema,
  });
}

/** A response's annotations, for choosing which reach the candidate's feedback. */
export function getResponseAnnotations(
  code: string,
  signal?: AbortSignal,
): Promise<ResponseAnnotationsResponse> {
  return apiRequest(`/api/grading/items/${id(code)}/annotations`, {
    schema: responseAnnotationsResponseSchema,
    ...withSignal(signal),
  });
}

export function includeAnnotation(
  code: string,
  annotationId: string,
  include: boolean,
): Promise<void> {
  return apiRequest(`/api/grading/items/${id(code)}/annotations/${id(annotationId)}`, {
    method: 'PUT',
    body: { include },
  });
}
