import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { proctorAlertAcks } from '../../db/schema/proctoring.js';

/** Stores the acknowledgements; one already there keeps who acknowledged it first. */
export async function acknowledgeAlerts(
  db: Db,
  sittingId: string,
  alertIds: readonly string[],
  acknowledgedBy: string,
  at: Date,
): Promise<void> {
  if (alertIds.length === 0) return;
  await db
    .insert(proctorAlertAcks)
    .values(alertIds.map((alertId) => ({ sittingId, alertId, acknowledgedBy, acknowledgedAt: at })))
    .onConflictDoNothing();
}

/** The acknowledged alert ids of a sitting, or of the given ids only. */
export async function acknowledgedAlerts(
  db: Db,
  sittingId: string,
  among?: readonly string[],
): Promise<Set<string>> {
  if (among?.length === 0) return new Set();
  const rows = await db
    .select({ alertId: proctorAlertAcks.alertId })
    .from(proctorAlertAcks)
    .where(
      and(
        eq(proctorAlertAcks.sittingId, sittingId),
        among ? inArray(proctorAlertAcks.alertId, [...among]) : undefined,
      ),
    );
  return new Set(rows.map((row) => row.alertId));
}
