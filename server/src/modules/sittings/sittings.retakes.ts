import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { sittings } from '../../db/schema/sittings.js';

/** What retake rules read of a sitting: its dates, state and the content it offers. */
export interface SittingForRetakes {
  id: string;
  associationId: string;
  name: string;
  status: string;
  startsAt: Date | null;
  forms: Record<string, string>;
  vignetteSets: string[];
}

/**
 * Sittings by id, programme-wide: the retakes module scopes by the request's association itself
 * (and row-level security guards its own table) before it reads these.
 */
export async function sittingsForRetakes(
  db: DbOrTx,
  ids: readonly string[],
): Promise<Map<string, SittingForRetakes>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: sittings.id,
      associationId: sittings.associationId,
      name: sittings.name,
      status: sittings.status,
      startsAt: sittings.startsAt,
      forms: sittings.forms,
      vignetteSets: sittings.vignetteSets,
    })
    .from(sittings)
    .where(inArray(sittings.id, [...new Set(ids)]));
  return new Map(rows.map((row) => [row.id, row]));
}

/** The association's sittings still taking enrolments and starting after `now`, soonest first. */
export async function upcomingSittingsOf(
  db: DbOrTx,
  associationId: string,
  now: Date,
): Promise<SittingForRetakes[]> {
  const rows = await db
    .select({
      id: sittings.id,
      associationId: sittings.associationId,
      name: sittings.name,
      status: sittings.status,
      startsAt: sittings.startsAt,
      forms: sittings.forms,
      vignetteSets: sittings.vignetteSets,
    })
    .from(sittings)
    .where(
      and(
        eq(sittings.associationId, associationId),
        inArray(sittings.status, ['draft', 'scheduled']),
        gt(sittings.startsAt, now),
      ),
    )
    .orderBy(asc(sittings.startsAt));
  return rows;
}
