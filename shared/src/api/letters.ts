import { z } from 'zod';

/**
 * HTTP contract of results letters: the PDF a released result can be downloaded as, and the
 * public page where a third party checks a letter by its identifier. The verification answer
 * carries only what the letter's holder chose to show by handing it over: name, endorsement,
 * pass or fail, the sitting's date and the association; never scores or feedback.
 */

/** 256 random bits in base64url: 43 characters. */
export const letterIdentifierSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

/** One released result a letter can be downloaded for. */
export const letterEntrySchema = z.object({
  sittingId: z.string().uuid(),
  sittingName: z.string(),
  candidateId: z.string().uuid(),
  candidateName: z.string(),
  passed: z.boolean(),
  releasedAt: z.string(),
});
export type LetterEntry = z.infer<typeof letterEntrySchema>;

export const lettersResponseSchema = z.object({ letters: z.array(letterEntrySchema) });
export type LettersResponse = z.infer<typeof lettersResponseSchema>;

/**
 * What the public check confirms: that the identifier belongs to a letter we issued, and its
 * result. Nothing else (no name, date or association): whoever checks holds the letter itself.
 */
export const verifiedLetterSchema = z.object({
  identifier: letterIdentifierSchema,
  endorsement: z.string(),
  /** The result as it stands now (a key correction after issue may have changed it). */
  passed: z.boolean(),
});
export type VerifiedLetter = z.infer<typeof verifiedLetterSchema>;

export const letterVerificationSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('verified'), letter: verifiedLetterSchema }),
  z.object({ status: z.literal('unknown') }),
]);
export type LetterVerification = z.infer<typeof letterVerificationSchema>;

/** Where a letter sends a reader to check it, relative to the site's public origin. */
export function letterVerificationPath(identifier: string): string {
  return `/verify/${identifier}`;
}
