import { and, asc, desc, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { disconnectCredits, incidents, resumeCodes } from '../../db/schema/proctoring.js';
import { userNamesByIds } from '../auth/index.js';
import { candidatesOfEnrolments } from '../sittings/index.js';

export type ResumeCodeRow = typeof resumeCodes.$inferSelect;
export type DisconnectCreditRow = typeof disconnectCredits.$inferSelect;

export interface IncidentRow {
  id: string;
  sittingId: string;
  recordedAt: Date;
  category: string;
  note: string;
  enrolmentId: string | null;
  candidateName: string | null;
  recordedBy: string;
}

function incidentQuery(db: DbOrTx) {
  return db
    .select({
      id: incidents.id,
      sittingId: incidents.sittingId,
      recordedAt: incidents.recordedAt,
      category: incidents.category,
      note: incidents.note,
      enrolmentId: incidents.enrolmentId,
      recordedById: incidents.recordedBy,
    })
    .from(incidents);
}
type IncidentQueryRow = Awaited<ReturnType<typeof incidentQuery>>[number];

/**
 * Adds the candidate's and the recorder's names. Enrolments belong to sittings and people to
 * auth: both are read through their modules' indexes rather than joined here.
 */
async function withNames(db: DbOrTx, rows: readonly IncidentQueryRow[]): Promise<IncidentRow[]> {
  const candidates = await candidatesOfEnrolments(
    db,
    rows.flatMap((r) => (r.enrolmentId ? [r.enrolmentId] : [])),
  );
  const names = await userNamesByIds(db, [
    ...rows.map((r) => r.recordedById),
    ...candidates.values(),
  ]);
  return rows.flatMap(({ recordedById, ...row }) => {
    const recorder = names.get(recordedById);
    if (!recorder) return [];
    const candidateId = row.enrolmentId ? candidates.get(row.enrolmentId) : undefined;
    const candidateName = candidateId ? (names.get(candidateId)?.displayName ?? null) : null;
    return [{ ...row, candidateName, recordedBy: recorder.displayName }];
  });
}

export async function insertIncident(
  tx: DbOrTx,
  incident: typeof incidents.$inferInsert,
): Promise<string> {
  const [row] = await tx.insert(incidents).values(incident).returning({ id: incidents.id });
  if (!row) throw new Error('insert returned no incident');
  return row.id;
}

export async function findIncident(db: DbOrTx, id: string): Promise<IncidentRow | undefined> {
  const rows = await incidentQuery(db).where(eq(incidents.id, id));
  return (await withNames(db, rows))[0];
}

export async function listIncidents(
  db: DbOrTx,
  sittingId: string,
  order: 'newest' | 'oldest' = 'newest',
): Promise<IncidentRow[]> {
  const rows = await incidentQuery(db)
    .where(eq(incidents.sittingId, sittingId))
    // Incidents recorded in the same millisecond follow the order they were recorded in.
    .orderBy(
      ...(order === 'newest'
        ? [desc(incidents.recordedAt), desc(incidents.recordingOrder)]
        : [asc(incidents.recordedAt), asc(incidents.recordingOrder)]),
    );
  return withNames(db, rows);
}

/** Voids every code for the attempt that could still be redeemed. */
export async function revokeOpenCodes(tx: DbOrTx, attemptId: string, at: Date): Promise<void> {
  await tx
    .update(resumeCodes)
    .set({ revokedAt: at })
    .where(
      and(
        eq(resumeCodes.attemptId, attemptId),
        isNull(resumeCodes.usedAt),
        isNull(resumeCodes.revokedAt),
      ),
    );
}

export async function insertResumeCode(
  tx: DbOrTx,
  code: typeof resumeCodes.$inferInsert,
): Promise<void> {
  await tx.insert(resumeCodes).values(code);
}

export function codesForAttempt(tx: DbOrTx, attemptId: string): Promise<ResumeCodeRow[]> {
  return tx
    .select()
    .from(resumeCodes)
    .where(eq(resumeCodes.attemptId, attemptId))
    .orderBy(desc(resumeCodes.issuedAt))
    .for('update');
}

/** Marks the code used by a session; false when someone redeemed it first. */
export async function markCodeUsed(
  tx: DbOrTx,
  id: string,
  at: Date,
  session: string,
): Promise<boolean> {
  const rows = await tx
    .update(resumeCodes)
    .set({ usedAt: at, usedSession: session })
    .where(and(eq(resumeCodes.id, id), isNull(resumeCodes.usedAt)))
    .returning({ id: resumeCodes.id });
  return rows.length > 0;
}

/** Counts a wrong guess; the code is void once `maxFailures` is reached. */
export async function recordFailedGuess(
  tx: DbOrTx,
  id: string,
  at: Date,
  maxFailures: number,
): Promise<void> {
  await tx
    .update(resumeCodes)
    .set({
      failedAttempts: sql`${resumeCodes.failedAttempts} + 1`,
      revokedAt: sql`CASE WHEN ${resumeCodes.failedAttempts} + 1 >= ${maxFailures} THEN ${at.toISOString()}::timestamptz ELSE ${resumeCodes.revokedAt} END`,
    })
    .where(eq(resumeCodes.id, id));
}

/** Whether this session redeemed a code for the attempt at or after `since`. */
export async function redeemedSince(
  db: DbOrTx,
  attemptId: string,
  session: string,
  since: Date,
): Promise<boolean> {
  const rows = await db
    .select({ id: resumeCodes.id })
    .from(resumeCodes)
    .where(
      and(
        eq(resumeCodes.attemptId, attemptId),
        eq(resumeCodes.usedSession, session),
        gte(resumeCodes.usedAt, since),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** Inserts a credit; false when this disconnect was already credited. */
export async function insertCredit(
  tx: DbOrTx,
  credit: typeof disconnectCredits.$inferInsert,
): Promise<string | undefined> {
  const rows = await tx
    .insert(disconnectCredits)
    .values(credit)
    .onConflictDoNothing({ target: disconnectCredits.disconnectEventId })
    .returning({ id: disconnectCredits.id });
  return rows[0]?.id;
}

export function creditsFor(db: DbOrTx, eventIds: number[]): Promise<DisconnectCreditRow[]> {
  if (eventIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(disconnectCredits)
    .where(inArray(disconnectCredits.disconnectEventId, eventIds));
}
