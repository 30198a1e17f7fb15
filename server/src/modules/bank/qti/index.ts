import type { Db } from '../../../db/client.js';
import type { Clock } from '../../../lib/clock.js';
import type { AuditService } from '../../audit/index.js';
import { createQtiExport } from './qti-export.service.js';
import { createQtiImport } from './qti-import.service.js';

export { bankExchangeRoutes } from './qti.routes.js';

/** The item bank's QTI 3.0 exchange: export (bank or form) and the two-step import. */
export function createBankExchange(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append' | 'appendNow'>;
}) {
  return { exporter: createQtiExport(deps), importer: createQtiImport(deps) };
}
