import {
  feedbackReviewResponseSchema,
  type ApproveFeedbackRequest,
  type EditFeedbackRequest,
  type FeedbackReviewResponse,
} from '@exam/shared/api';
import { apiRequest, withSignal } from '../../lib/api';
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
