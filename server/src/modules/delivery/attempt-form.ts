import type { DbOrTx } from '../../db/client.js';
import * as deliveryRepo from './delivery.repo.js';

/** The Part One form an attempt sat (an appeal's key check scores it again against that form). */
export async function formOfAttempt(db: DbOrTx, attemptId: string): Promise<string | undefined> {
  const attempt = await deliveryRepo.findAttempt(db, attemptId);
  return attempt?.formId;
}
