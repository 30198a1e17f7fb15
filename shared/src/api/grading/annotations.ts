import { z } from 'zod';

/**
 * Annotations: a grader marks a passage of the response and comments on it. A passage is kept
 * as offsets into the response's plain text (shared/editor essayPlainText: the text nodes in
 * order, the rendered page's textContent), so it survives any change of styling. Every object is
 * strict, as the rest of what graders receive.
 */
export const MAX_ANNOTATION_COMMENT = 2000;

export const annotationSchema = z.strictObject({
  id: z.string().uuid(),
  start: z.number().int().min(0),
  end: z.number().int().min(1),
  /** The passage as it stood when annotated, cut from the server's own plain text. */
  quote: z.string(),
  comment: z.string(),
});
export type Annotation = z.infer<typeof annotationSchema>;

export const createAnnotationRequestSchema = z
  .strictObject({
    start: z.number().int().min(0),
    end: z.number().int().min(1),
    comment: z
      .string()
      .trim()
      .min(1, 'Write a comment for the passage')
      .max(MAX_ANNOTATION_COMMENT),
  })
  .refine((a) => a.end > a.start, { message: 'Select a passage first', path: ['end'] });
export type CreateAnnotationRequest = z.infer<typeof createAnnotationRequestSchema>;

/** Another reading's annotations, labelled "Reader 1" or "Reader 2", never by grader. */
export const labelledAnnotationsSchema = z.strictObject({
  label: z.string(),
  annotations: z.array(annotationSchema),
});
export type LabelledAnnotations = z.infer<typeof labelledAnnotationsSchema>;

export const readingAnnotationsResponseSchema = z.strictObject({
  /** The caller's own annotations of this reading, in passage order. */
  own: z.array(annotationSchema),
  /** Empty except for the third reader once both first readings are in. */
  others: z.array(labelledAnnotationsSchema),
});
export type ReadingAnnotationsResponse = z.infer<typeof readingAnnotationsResponseSchema>;

export const annotationResponseSchema = z.strictObject({ annotation: annotationSchema });
export type AnnotationResponse = z.infer<typeof annotationResponseSchema>;

/** The coordinator's view of a response's annotations, to choose which reach the candidate. */
export const reviewedAnnotationSchema = annotationSchema.extend({
  /** Which reading made it: "Reader 1", "Reader 2", "Third reader", "Review reader". */
  reader: z.string(),
  includeInFeedback: z.boolean(),
});
export type ReviewedAnnotation = z.infer<typeof reviewedAnnotationSchema>;

export const responseAnnotationsResponseSchema = z.strictObject({
  code: z.string(),
  annotations: z.array(reviewedAnnotationSchema),
});
export type ResponseAnnotationsResponse = z.infer<typeof responseAnnotationsResponseSchema>;

export const includeAnnotationRequestSchema = z.strictObject({ include: z.boolean() });
export type IncludeAnnotationRequest = z.infer<typeof includeAnnotationRequestSchema>;

/** An annotation the coordinator included in the candidate's feedback: passage and comment only. */
export const feedbackAnnotationSchema = z.object({ quote: z.string(), comment: z.string() });
export type FeedbackAnnotation = z.infer<typeof feedbackAnnotationSchema>;
