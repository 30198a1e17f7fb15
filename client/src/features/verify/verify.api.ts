import { letterVerificationSchema, type LetterVerification } from '@exam/shared/api';
import { apiRequest, id, withSignal } from '../../lib/api';

/** Asks the server what the letter with this identifier states; no sign-in needed. */
export function verifyLetter(
  identifier: string,
  signal?: AbortSignal,
): Promise<LetterVerification> {
  return apiRequest(`/api/verify/${id(identifier)}`, {
    schema: letterVerificationSchema,
    ...withSignal(signal),
  });
}
