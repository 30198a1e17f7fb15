import type { SittingStatus } from '@exam/shared/api';
import { and, asc, eq, gt, inArray, lte } from 'drizzle-orm';
import type { Scope } from '../../db/association-scope.js';
import type { DbOrTx } from '../../db/client.js';
import { enrolments, sittings } from '../../db/schema/sittings.js';
import { AppError } from '../../lib/app-error.js';
import { acceptsEnrolment } from './sitting-status.js';
import { sittingInScope } from './sittings.repo.js';

/** What booking needs to know of a sitting: when, where, for whom, and whether it still enrols. */
export interface BookableSitting {
  id: string;
  associationId: string;
  name: string;
  status: string;
  startsAt: Date | null;
  startWindowMinutes: number;
  timeZone: string;
  remote: boolean;
  location: string | null;
  /** The exam endorsements the sitting has a form for; empty: not chosen yet (any). */
  endorsements: string[];
  acceptsEnrolment: boolean;
}

function present(row: typeof sittings.$inferSelect): BookableSitting {
  return {
    id: row.id,
    associationId: row.associationId,
    name: row.name,
    status: row.status,
    startsAt: row.startsAt,
    startWindowMinutes: row.startWindowMinutes,
    timeZone: row.timeZone,
    remote: row.remote,
    location: row.location,
    endorsements: Object.entries(row.forms)
      .filter(([, form]) => Boolean(form))
      .map(([endorsement]) => endorsement),
    acceptsEnrolment: acceptsEnrolment(row.status as SittingStatus),
  };
}

/** The scope's sittings, soonest first, for the booking pages. */
export async function bookableSittingsOf(db: DbOrTx, scope: Scope): Promise<BookableSitting[]> {
  const rows = await db
    .select()
    .from(sittings)
    .where(sittingInScope(scope))
    .orderBy(asc(sittings.startsAt), asc(sittings.name));
  return rows.map(present);
}

export async function bookableSittingOf(
  db: DbOrTx,
  scope: Scope,
  sittingId: string,
): Promise<BookableSitting | undefined> {
  const [row] = await db
    .select()
    .from(sittings)
    .where(and(eq(sittings.id, sittingId), sittingInScope(scope)));
  return row ? present(row) : undefined;
}

/**
 * Sittings of every association that still enrol and start in (from, to]: the leader's
 * reminder sweep reads them so, and only them, however long the history grows.
 */
export async function enrollingSittingsStartingBetween(
  db: DbOrTx,
  from: Date,
  to: Date,
): Promise<BookableSitting[]> {
  const rows = await db
    .select()
    .from(sittings)
    .where(
      and(
        inArray(sittings.status, ['draft', 'scheduled']),
        gt(sittings.startsAt, from),
        lte(sittings.startsAt, to),
      ),
    );
  return rows.map(present).filter((s) => s.acceptsEnrolment);
}

/**
 * The enrolment a booked seat produces, in the booking's transaction, so delivery and proctoring
 * see the candidate exactly when the seat is theirs.
 */
export async function enrolForBooking(
  tx: DbOrTx,
  scope: Scope,
  seat: {
    sittingId: string;
    candidateId: string;
    examEndorsement: string;
    category: string;
    track: string | null;
    parts: number[];
    enrolledBy: string | null;
    at: Date;
  },
): Promise<string> {
  if (!(await bookableSittingOf(tx, scope, seat.sittingId))) {
    throw new AppError('NOT_FOUND', 'No such sitting.', 404);
  }
  const [row] = await tx
    .insert(enrolments)
    .values({
      sittingId: seat.sittingId,
      candidateId: seat.candidateId,
      examEndorsement: seat.examEndorsement,
      category: seat.category,
      track: seat.track,
      parts: seat.parts,
      enrolledBy: seat.enrolledBy,
      enrolledAt: seat.at,
    })
    .onConflictDoNothing()
    .returning({ id: enrolments.id });
  if (!row) {
    throw new AppError('CONFLICT', 'The candidate is already enrolled in this sitting.', 409);
  }
  return row.id;
}

/**
 * A cancelled seat's enrolment goes: delivery admits only enrolled candidates, so a cancelled
 * booking can never be admitted.
 */
export async function withdrawBookingEnrolment(
  tx: DbOrTx,
  scope: Scope,
  sittingId: string,
  enrolmentId: string,
): Promise<void> {
  if (!(await bookableSittingOf(tx, scope, sittingId))) return;
  await tx
    .delete(enrolments)
    .where(and(eq(enrolments.id, enrolmentId), eq(enrolments.sittingId, sittingId)));
}
