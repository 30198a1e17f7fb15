import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { ItemTools } from '@exam/shared/protocol';
import type { Db } from '../../db/client.js';
import {
  attemptDisplayPreferences,
  attemptItemTools,
  attemptParts,
} from '../../db/schema/delivery.js';

/**
 * Stores one item's tools if its part is still open, in one transaction that holds the part's
 * row (a closing part waits for it, and a save after the close sees it closed). A row moves only
 * forward in revision: a replay or an older save from another device changes nothing and is
 * still reported stored, since something at least as new is.
 */
export async function storeItemTools(
  db: Db,
  attemptId: string,
  part: 1 | 2,
  tools: ItemTools,
  at: Date,
): Promise<'stored' | 'closed'> {
  return db.transaction(async (tx) => {
    const open = await tx
      .select({ part: attemptParts.part })
      .from(attemptParts)
      .where(
        and(
          eq(attemptParts.attemptId, attemptId),
          eq(attemptParts.part, part),
          isNull(attemptParts.closedStatus),
        ),
      )
      .for('share');
    if (open.length === 0) return 'closed';
    const row = {
      attemptId,
      target: tools.target,
      position: tools.position,
      revision: tools.revision,
      struck: tools.struck,
      highlights: tools.highlights,
      note: tools.note,
      updatedAt: at,
    };
    await tx
      .insert(attemptItemTools)
      .values(row)
      .onConflictDoUpdate({
        target: [attemptItemTools.attemptId, attemptItemTools.target, attemptItemTools.position],
        set: {
          revision: sql`excluded.revision`,
          struck: sql`excluded.struck`,
          highlights: sql`excluded.highlights`,
          note: sql`excluded.note`,
          updatedAt: sql`excluded.updated_at`,
        },
        setWhere: lt(attemptItemTools.revision, sql`excluded.revision`),
      });
    return 'stored';
  });
}

/** Stores the candidate's display choice, moving only forward in revision. */
export async function storeDisplayPreference(
  db: Db,
  attemptId: string,
  preference: { revision: number; largeText: boolean; highContrast: boolean },
  at: Date,
): Promise<void> {
  await db
    .insert(attemptDisplayPreferences)
    .values({ attemptId, ...preference, updatedAt: at })
    .onConflictDoUpdate({
      target: attemptDisplayPreferences.attemptId,
      set: {
        revision: sql`excluded.revision`,
        largeText: sql`excluded.large_text`,
        highContrast: sql`excluded.high_contrast`,
        updatedAt: sql`excluded.updated_at`,
      },
      setWhere: lt(attemptDisplayPreferences.revision, sql`excluded.revision`),
    });
}
