import type { DbOrTx } from '../../db/client.js';
import * as deliveryRepo from './delivery.repo.js';

/** The Part One form an attempt sat (an appeal's key check scores it again against that form). */
export async function formOfAttempt(db: DbOrTx, attemptId: string): Promise<string | undefined> {
  const attempt = await deliveryRepo.findAttempt(db, attemptId);
  return attempt?.formId;
}

/** The content each attempt was shown: its Part One form and Part Two vignette set (retakes). */
export async function contentOfAttempts(
  db: DbOrTx,
  attemptIds: readonly string[],
): Promise<Map<string, { formId: string; vignetteSetId: string | null }>> {
  const found = new Map<string, { formId: string; vignetteSetId: string | null }>();
  for (const id of new Set(attemptIds)) {
    const attempt = await deliveryRepo.findAttempt(db, id);
    if (attempt) found.set(id, { formId: attempt.formId, vignetteSetId: attempt.vignetteSetId });
  }
  return found;
}
