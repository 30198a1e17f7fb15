import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { associations } from '../../db/schema/associations.js';

/** An association's rules for a sitting's clock and for retakes by part (its settings). */
export interface AssociationRules {
  timeZone: string;
  checkInOpensMinutes: number;
  lateCutoffMinutes: number;
  retakeValidityMonths: number;
  retakeWaitDays: number;
  retakeMaxAttempts: number;
  retakeRequestDays: number;
}

/**
 * The rules of each association asked for, keyed by id. Read programme-wide: the scheduler runs
 * for every association, and a caller has already checked that a user's sitting is within scope.
 */
export async function associationRulesOf(
  db: DbOrTx,
  ids: readonly string[],
): Promise<Map<string, AssociationRules>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: associations.id,
      timeZone: associations.timeZone,
      checkInOpensMinutes: associations.checkInOpensMinutes,
      lateCutoffMinutes: associations.lateCutoffMinutes,
      retakeValidityMonths: associations.retakeValidityMonths,
      retakeWaitDays: associations.retakeWaitDays,
      retakeMaxAttempts: associations.retakeMaxAttempts,
      retakeRequestDays: associations.retakeRequestDays,
    })
    .from(associations)
    .where(inArray(associations.id, [...new Set(ids)]));
  return new Map(rows.map(({ id, ...rules }) => [id, rules]));
}
