import { z } from 'zod';
import { rubricDomainSchema, rubricLevelScoreSchema } from './rubrics.js';

/**
 * The bank of reusable feedback comments, per rubric domain and level. Graders read the active
 * ones to insert and adapt; coordinators and chief graders curate all of them.
 */
export const MAX_BANK_COMMENT = 2000;

export const bankCommentSchema = z.strictObject({
  id: z.string().uuid(),
  domain: rubricDomainSchema,
  level: rubricLevelScoreSchema,
  text: z.string(),
  active: z.boolean(),
  updatedAt: z.string(),
});
export type BankComment = z.infer<typeof bankCommentSchema>;

export const commentBankResponseSchema = z.strictObject({ comments: z.array(bankCommentSchema) });
export type CommentBankResponse = z.infer<typeof commentBankResponseSchema>;

const bankTextSchema = z
  .string()
  .trim()
  .min(1, 'Write the comment')
  .max(MAX_BANK_COMMENT, `At most ${MAX_BANK_COMMENT} characters`);

export const createBankCommentRequestSchema = z.strictObject({
  domain: rubricDomainSchema,
  level: rubricLevelScoreSchema,
  text: bankTextSchema,
});
export type CreateBankCommentRequest = z.infer<typeof createBankCommentRequestSchema>;

export const updateBankCommentRequestSchema = z.strictObject({
  text: bankTextSchema,
  active: z.boolean(),
});
export type UpdateBankCommentRequest = z.infer<typeof updateBankCommentRequestSchema>;

export const bankCommentResponseSchema = z.strictObject({ comment: bankCommentSchema });
export type BankCommentResponse = z.infer<typeof bankCommentResponseSchema>;
