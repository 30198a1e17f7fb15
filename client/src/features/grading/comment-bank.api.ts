import {
  bankCommentResponseSchema,
  commentBankResponseSchema,
  type BankComment,
  type CreateBankCommentRequest,
  type UpdateBankCommentRequest,
} from '@exam/shared/api';
import { apiRequest, id, withSignal } from '../../lib/api';

/** The active comments graders are offered. */
export async function getCommentBank(signal?: AbortSignal): Promise<BankComment[]> {
  const body = await apiRequest('/api/grading/comment-bank', {
    schema: commentBankResponseSchema,
    ...withSignal(signal),
  });
  return body.comments;
}

/** Every comment, retired ones too, for curators. */
export async function getCommentBankCuration(signal?: AbortSignal): Promise<BankComment[]> {
  const body = await apiRequest('/api/grading/comment-bank/curation', {
    schema: commentBankResponseSchema,
    ...withSignal(signal),
  });
  return body.comments;
}

export async function createBankComment(input: CreateBankCommentRequest): Promise<BankComment> {
  const body = await apiRequest('/api/grading/comment-bank', {
    method: 'POST',
    body: input,
    schema: bankCommentResponseSchema,
  });
  return body.comment;
}

export async function updateBankComment(
  commentId: string,
  input: UpdateBankCommentRequest,
): Promise<BankComment> {
  const body = await apiRequest(`/api/grading/comment-bank/${id(commentId)}`, {
    method: 'PUT',
    body: input,
    schema: bankCommentResponseSchema,
  });
  return body.comment;
}
