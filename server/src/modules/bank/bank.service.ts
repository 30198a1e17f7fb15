import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import { createFormCuts } from './form-cuts.service.js';
import { createFormsService } from './forms.service.js';
import { createItemsService } from './items.service.js';
import { createReviewService } from './review.service.js';

export type BankService = ReturnType<typeof createBankService>;

/**
 * The item bank: authoring items (items.service) and assembling forms from them (forms.service),
 * plus the read side delivery uses (`activeFormFor`, `formItems`). `appendNow` is accepted so
 * callers can pass the whole audit service; every bank change audits inside its own transaction.
 */
export function createBankService(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append' | 'appendNow'>;
}) {
  return {
    ...createItemsService(deps),
    ...createFormsService(deps),
    ...createReviewService(deps),
    ...createFormCuts(deps),
  };
}
