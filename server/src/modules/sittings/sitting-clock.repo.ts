import { and, inArray, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { sittings } from '../../db/schema/sittings.js';
import type { SittingRow } from './sittings.repo.js';

/**
 * Every association's sittings the clock may move: scheduled or open, with a start. Programme-wide
 * on purpose (the leader runs the clock for all); sittings are few, so the rules apply in code.
 */
export function clockedSittings(db: DbOrTx): Promise<SittingRow[]> {
  return db
    .select()
    .from(sittings)
    .where(and(inArray(sittings.status, ['scheduled', 'open']), isNotNull(sittings.startsAt)));
}
