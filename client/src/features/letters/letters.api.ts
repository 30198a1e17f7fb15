import { lettersResponseSchema, type LetterEntry } from '@exam/shared/api';
import { apiRequest, id, withSignal } from '../../lib/api';

/** Where a results letter downloads from; a plain link, so the browser saves the PDF itself. */
export function letterDownloadPath(entry: Pick<LetterEntry, 'sittingId' | 'candidateId'>): string {
  return `/api/letters/sittings/${id(entry.sittingId)}/candidates/${id(entry.candidateId)}/letter.pdf`;
}

export async function getMyLetters(signal?: AbortSignal): Promise<LetterEntry[]> {
  const body = await apiRequest('/api/letters/mine', {
    schema: lettersResponseSchema,
    ...withSignal(signal),
  });
  return body.letters;
}

export async function getSittingLetters(
  sittingId: string,
  signal?: AbortSignal,
): Promise<LetterEntry[]> {
  const body = await apiRequest(`/api/letters/sittings/${id(sittingId)}`, {
    schema: lettersResponseSchema,
    ...withSignal(signal),
  });
  return body.letters;
}
