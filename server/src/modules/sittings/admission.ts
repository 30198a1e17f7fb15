import { and, asc, count, eq, inArray, isNull } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { enrolments, sittingProctors, sittings } from '../../db/schema/sittings.js';
import { userNamesByIds } from '../auth/index.js';
import { findOpenEnrolment } from './sittings.repo.js';

/** A sitting as the proctor console and the candidate lobby see it. */
export interface ProctoredSitting {
  id: string;
  name: string;
  status: string;
  startsAt: Date | null;
  timeZone: string;
  location: string | null;
  remote: boolean;
}

/** One enrolment on a sitting's roster, with the name a proctor checks identity against. */
export interface RosterEntry {
  enrolmentId: string;
  sittingId: string;
  candidateId: string;
  name: string;
  email: string;
  examEndorsement: string;
  category: string;
  track: string | null;
  admittedAt: Date | null;
}

const sittingColumns = {
  id: sittings.id,
  name: sittings.name,
  status: sittings.status,
  startsAt: sittings.startsAt,
  timeZone: sittings.timeZone,
  location: sittings.location,
  remote: sittings.remote,
};

const rosterColumns = {
  enrolmentId: enrolments.id,
  sittingId: enrolments.sittingId,
  candidateId: enrolments.candidateId,
  examEndorsement: enrolments.examEndorsement,
  category: enrolments.category,
  track: enrolments.track,
  admittedAt: enrolments.admittedAt,
};

/** Adds each candidate's name and email (auth's data, read through its index); unknown ids drop out. */
async function withNames(
  db: DbOrTx,
  rows: readonly Omit<RosterEntry, 'name' | 'email'>[],
): Promise<RosterEntry[]> {
  const names = await userNamesByIds(
    db,
    rows.map((r) => r.candidateId),
  );
  return rows.flatMap((row) => {
    const user = names.get(row.candidateId);
    return user ? [{ ...row, name: user.displayName, email: user.email }] : [];
  });
}

export type AdmissionService = ReturnType<typeof createAdmissionService>;

/**
 * The proctor's side of sittings: who is assigned to watch which sitting, the roster, and
 * admission after an identity check. Kept apart from the coordinator's sittings service so
 * each can change without the other.
 */
export function createAdmissionService(deps: { db: Db }) {
  const { db } = deps;

  async function findSitting(sittingId: string): Promise<ProctoredSitting | undefined> {
    const rows = await db.select(sittingColumns).from(sittings).where(eq(sittings.id, sittingId));
    return rows[0];
  }

  async function rosterEntry(enrolmentId: string): Promise<RosterEntry | undefined> {
    const rows = await db
      .select(rosterColumns)
      .from(enrolments)
      .where(eq(enrolments.id, enrolmentId));
    return (await withNames(db, rows))[0];
  }

  return {
    findSitting,

    async isAssignedProctor(sittingId: string, userId: string): Promise<boolean> {
      const rows = await db
        .select({ id: sittingProctors.proctorId })
        .from(sittingProctors)
        .where(
          and(eq(sittingProctors.sittingId, sittingId), eq(sittingProctors.proctorId, userId)),
        );
      return rows.length > 0;
    },

    /** Sittings in the order a proctor needs them; `assignedTo` limits them to one proctor's. */
    async listSittings(options: {
      assignedTo?: string;
      statuses: readonly string[];
    }): Promise<(ProctoredSitting & { candidateCount: number })[]> {
      const counts = db
        .select({ sittingId: enrolments.sittingId, n: count().as('n') })
        .from(enrolments)
        .groupBy(enrolments.sittingId)
        .as('counts');
      const base = db
        .select({ ...sittingColumns, candidateCount: counts.n })
        .from(sittings)
        .leftJoin(counts, eq(counts.sittingId, sittings.id));
      const statusFilter = inArray(sittings.status, [...options.statuses]);
      const rows = options.assignedTo
        ? await base
            .innerJoin(sittingProctors, eq(sittingProctors.sittingId, sittings.id))
            .where(and(statusFilter, eq(sittingProctors.proctorId, options.assignedTo)))
            .orderBy(asc(sittings.startsAt), asc(sittings.name))
        : await base.where(statusFilter).orderBy(asc(sittings.startsAt), asc(sittings.name));
      return rows.map((row) => ({ ...row, candidateCount: Number(row.candidateCount ?? 0) }));
    },

    async roster(sittingId: string): Promise<RosterEntry[]> {
      const rows = await db
        .select(rosterColumns)
        .from(enrolments)
        .where(eq(enrolments.sittingId, sittingId));
      // By name, as a proctor scans it.
      return (await withNames(db, rows)).sort((a, b) => a.name.localeCompare(b.name, 'en'));
    },

    rosterEntry,

    /** Marks the enrolment admitted inside the caller's transaction; false if it already was. */
    async admit(tx: DbOrTx, enrolmentId: string, actorId: string, at: Date): Promise<boolean> {
      const rows = await tx
        .update(enrolments)
        .set({ admittedAt: at, admittedBy: actorId })
        .where(and(eq(enrolments.id, enrolmentId), isNull(enrolments.admittedAt)))
        .returning({ id: enrolments.id });
      return rows.length > 0;
    },

    /** The candidate's enrolment in the sitting open now, for the lobby. */
    async openEnrolmentFor(
      candidateId: string,
    ): Promise<{ sitting: ProctoredSitting; entry: RosterEntry } | undefined> {
      const found = await findOpenEnrolment(db, candidateId);
      if (!found) return undefined;
      const entry = await rosterEntry(found.enrolment.id);
      const sitting = await findSitting(found.sitting.id);
      return entry && sitting ? { sitting, entry } : undefined;
    },
  };
}
