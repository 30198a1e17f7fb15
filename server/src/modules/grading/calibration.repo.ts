import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { calibrationSettings } from '../../db/schema/grading-calibration.js';

export type CalibrationRow = typeof calibrationSettings.$inferSelect;

/** The programme's calibration rules; the row is created with its defaults on first read. */
export async function readSettings(db: DbOrTx): Promise<CalibrationRow> {
  const rows = await db.select().from(calibrationSettings).where(eq(calibrationSettings.id, 1));
  if (rows[0]) return rows[0];
  await db.insert(calibrationSettings).values({ id: 1 }).onConflictDoNothing();
  const [row] = await db.select().from(calibrationSettings).where(eq(calibrationSettings.id, 1));
  if (!row) throw new Error('calibration settings missing');
  return row;
}

export async function writeSettings(
  tx: DbOrTx,
  values: Omit<typeof calibrationSettings.$inferInsert, 'id'>,
): Promise<void> {
  await tx
    .insert(calibrationSettings)
    .values({ id: 1, ...values })
    .onConflictDoUpdate({ target: calibrationSettings.id, set: values });
}
