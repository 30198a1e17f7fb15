import { and, asc, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import {
  standardSettingPanelists,
  standardSettingRatings,
  standardSettingStudies,
  type StudyStatus,
} from '../../db/schema/standard-setting.js';

export type StudyRow = typeof standardSettingStudies.$inferSelect;
export type RatingRow = typeof standardSettingRatings.$inferSelect;

export async function insertStudy(
  db: DbOrTx,
  row: { formId: string; name: string; createdBy: string; at: Date },
): Promise<StudyRow> {
  const [study] = await db
    .insert(standardSettingStudies)
    .values({
      formId: row.formId,
      name: row.name,
      createdBy: row.createdBy,
      createdAt: row.at,
      updatedAt: row.at,
    })
    .returning();
  return study!;
}

export async function listStudies(db: DbOrTx): Promise<StudyRow[]> {
  return db
    .select()
    .from(standardSettingStudies)
    .orderBy(desc(standardSettingStudies.createdAt), asc(standardSettingStudies.id));
}

export async function findStudy(db: DbOrTx, id: string): Promise<StudyRow | undefined> {
  const rows = await db
    .select()
    .from(standardSettingStudies)
    .where(eq(standardSettingStudies.id, id));
  return rows[0];
}

/** The study row locked for a state change: round changes and adoption are serialised. */
export async function lockStudy(db: DbOrTx, id: string): Promise<StudyRow | undefined> {
  const rows = await db
    .select()
    .from(standardSettingStudies)
    .where(eq(standardSettingStudies.id, id))
    .for('update');
  return rows[0];
}

/** Shared lock for a rating save: many saves at once, but not during a round change. */
export async function shareLockStudy(db: DbOrTx, id: string): Promise<StudyRow | undefined> {
  const rows = await db
    .select()
    .from(standardSettingStudies)
    .where(eq(standardSettingStudies.id, id))
    .for('share');
  return rows[0];
}

export async function updateStudy(
  db: DbOrTx,
  id: string,
  values: Partial<Omit<StudyRow, 'id' | 'formId' | 'createdAt' | 'createdBy'>> & {
    status?: StudyStatus;
  },
): Promise<void> {
  await db.update(standardSettingStudies).set(values).where(eq(standardSettingStudies.id, id));
}

export async function panelistsOf(db: DbOrTx, studyId: string): Promise<string[]> {
  const rows = await db
    .select({ userId: standardSettingPanelists.userId })
    .from(standardSettingPanelists)
    .where(eq(standardSettingPanelists.studyId, studyId))
    .orderBy(asc(standardSettingPanelists.addedAt), asc(standardSettingPanelists.userId));
  return rows.map((r) => r.userId);
}

export async function panelistCounts(db: DbOrTx): Promise<Map<string, number>> {
  const rows = await db
    .select({ studyId: standardSettingPanelists.studyId })
    .from(standardSettingPanelists);
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.studyId, (counts.get(r.studyId) ?? 0) + 1);
  return counts;
}

/** Adds a panelist once; false when they were already on the panel. */
export async function addPanelist(
  db: DbOrTx,
  studyId: string,
  userId: string,
  at: Date,
): Promise<boolean> {
  const rows = await db
    .insert(standardSettingPanelists)
    .values({ studyId, userId, addedAt: at })
    .onConflictDoNothing()
    .returning({ userId: standardSettingPanelists.userId });
  return rows.length > 0;
}

export async function studiesOfPanelist(db: DbOrTx, userId: string): Promise<StudyRow[]> {
  const rows = await db
    .select({ study: standardSettingStudies })
    .from(standardSettingPanelists)
    .innerJoin(
      standardSettingStudies,
      eq(standardSettingStudies.id, standardSettingPanelists.studyId),
    )
    .where(eq(standardSettingPanelists.userId, userId))
    .orderBy(desc(standardSettingStudies.createdAt));
  return rows.map((r) => r.study);
}

/** The panelist's place on a study, as a query the two readers below finish. */
function panelistPlace(db: DbOrTx, studyId: string, userId: string) {
  return db
    .select({ userId: standardSettingPanelists.userId })
    .from(standardSettingPanelists)
    .where(
      and(
        eq(standardSettingPanelists.studyId, studyId),
        eq(standardSettingPanelists.userId, userId),
      ),
    );
}

export async function isPanelist(db: DbOrTx, studyId: string, userId: string): Promise<boolean> {
  return (await panelistPlace(db, studyId, userId)).length > 0;
}

/**
 * Locks one panelist's place on a study for the rest of the transaction: their saves queue up,
 * so the check on all their ratings (a possible cut) sees the save before it. Other panelists'
 * saves still run side by side.
 */
export async function lockPanelist(db: DbOrTx, studyId: string, userId: string): Promise<void> {
  await panelistPlace(db, studyId, userId).for('update');
}

/** Stores one rating; a second save of the same item and round replaces the first. */
export async function upsertRating(
  db: DbOrTx,
  row: {
    studyId: string;
    userId: string;
    round: 1 | 2;
    position: number;
    rating: number;
    at: Date;
  },
): Promise<void> {
  const { at, ...values } = row;
  await db
    .insert(standardSettingRatings)
    .values({ ...values, updatedAt: at })
    .onConflictDoUpdate({
      target: [
        standardSettingRatings.studyId,
        standardSettingRatings.userId,
        standardSettingRatings.round,
        standardSettingRatings.position,
      ],
      set: { rating: values.rating, updatedAt: at },
    });
}

export async function ratingsOf(
  db: DbOrTx,
  studyId: string,
  userId?: string,
): Promise<RatingRow[]> {
  return db
    .select()
    .from(standardSettingRatings)
    .where(
      userId === undefined
        ? eq(standardSettingRatings.studyId, studyId)
        : and(
            eq(standardSettingRatings.studyId, studyId),
            eq(standardSettingRatings.userId, userId),
          ),
    );
}
