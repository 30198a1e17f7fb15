import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Scope } from '../../db/association-scope.js';
import type { DbOrTx } from '../../db/client.js';
import { associationInScope } from '../../db/scope-filters.js';
import { bookings, sittingSeats } from '../../db/schema/bookings.js';

export type SeatsRow = typeof sittingSeats.$inferSelect;
export type BookingRow = typeof bookings.$inferSelect;

function seatsInScope(scope: Scope) {
  return associationInScope(scope, sittingSeats.associationId);
}
function bookingsInScope(scope: Scope) {
  return associationInScope(scope, bookings.associationId);
}

/**
 * The scope's bookings that meet every condition, as a query the caller may still order, limit or
 * lock: every scoped booking read goes through here, so none can forget the scope.
 */
function bookingsWhere(db: DbOrTx, scope: Scope, ...conditions: SQL[]) {
  return db
    .select()
    .from(bookings)
    .where(and(...conditions, bookingsInScope(scope)))
    .$dynamic();
}

export async function seatsOf(
  db: DbOrTx,
  scope: Scope,
  sittingIds: readonly string[],
): Promise<Map<string, SeatsRow>> {
  if (sittingIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(sittingSeats)
    .where(and(inArray(sittingSeats.sittingId, [...sittingIds]), seatsInScope(scope)));
  return new Map(rows.map((r) => [r.sittingId, r]));
}

/** Creates the sitting's seats row with the defaults (unlimited, no window) when it has none. */
export async function ensureSeats(tx: DbOrTx, sittingId: string, associationId: string) {
  await tx.insert(sittingSeats).values({ sittingId, associationId }).onConflictDoNothing();
}

export async function saveSeatSettings(
  tx: DbOrTx,
  row: Pick<
    typeof sittingSeats.$inferInsert,
    | 'sittingId'
    | 'associationId'
    | 'capacity'
    | 'bookingOpensAt'
    | 'bookingClosesAt'
    | 'cancelCutoffAt'
  >,
): Promise<void> {
  const { sittingId, associationId, ...change } = row;
  await tx
    .insert(sittingSeats)
    .values({ sittingId, associationId, ...change })
    .onConflictDoUpdate({ target: sittingSeats.sittingId, set: change });
}

/**
 * THE seat claim: one UPDATE decides and takes the seat. Its row lock orders concurrent claims,
 * each one re-reads `seats_taken` after the one before it commits, so capacity can never be
 * overrun, and `arrivals` numbers the claims in the order they got the lock (the waitlist's
 * order). SET expressions read the row before the update, so `last_claim_seated` says whether
 * this claim took a seat. `force` (a coordinator's placement over capacity) always seats.
 * Undefined when the sitting has no seats row in the scope.
 */
export async function claimSeat(
  tx: DbOrTx,
  scope: Scope,
  sittingId: string,
  force = false,
): Promise<
  { seated: boolean; arrival: number; seatsTaken: number; capacity: number | null } | undefined
> {
  const free = force
    ? sql`true`
    : sql`(${sittingSeats.capacity} is null or ${sittingSeats.seatsTaken} < ${sittingSeats.capacity})`;
  const [row] = await tx
    .update(sittingSeats)
    .set({
      seatsTaken: sql`${sittingSeats.seatsTaken} + case when ${free} then 1 else 0 end`,
      arrivals: sql`${sittingSeats.arrivals} + 1`,
      lastClaimSeated: sql`${free}`,
    })
    .where(and(eq(sittingSeats.sittingId, sittingId), seatsInScope(scope)))
    .returning({
      seated: sittingSeats.lastClaimSeated,
      arrival: sittingSeats.arrivals,
      seatsTaken: sittingSeats.seatsTaken,
      capacity: sittingSeats.capacity,
    });
  return row;
}

/**
 * Gives a seat back and locks the row for the rest of the transaction (a promotion follows in
 * it); returns whether a seat is now free.
 */
export async function releaseSeat(tx: DbOrTx, scope: Scope, sittingId: string): Promise<boolean> {
  const [row] = await tx
    .update(sittingSeats)
    .set({ seatsTaken: sql`greatest(${sittingSeats.seatsTaken} - 1, 0)` })
    .where(and(eq(sittingSeats.sittingId, sittingId), seatsInScope(scope)))
    .returning({ capacity: sittingSeats.capacity, taken: sittingSeats.seatsTaken });
  return row !== undefined && (row.capacity === null || row.taken < row.capacity);
}

/** Takes a free seat for a promotion, under the lock the release took; false when none is free. */
export async function takeFreeSeat(tx: DbOrTx, scope: Scope, sittingId: string): Promise<boolean> {
  const rows = await tx
    .update(sittingSeats)
    .set({ seatsTaken: sql`${sittingSeats.seatsTaken} + 1` })
    .where(
      and(
        eq(sittingSeats.sittingId, sittingId),
        seatsInScope(scope),
        sql`(${sittingSeats.capacity} is null or ${sittingSeats.seatsTaken} < ${sittingSeats.capacity})`,
      ),
    )
    .returning({ taken: sittingSeats.seatsTaken });
  return rows.length > 0;
}

export async function insertBooking(
  tx: DbOrTx,
  row: typeof bookings.$inferInsert,
): Promise<BookingRow> {
  const [saved] = await tx.insert(bookings).values(row).returning();
  if (!saved) throw new Error('insert returned no booking');
  return saved;
}

export async function findBooking(
  db: DbOrTx,
  scope: Scope,
  id: string,
  lock = false,
): Promise<BookingRow | undefined> {
  const query = bookingsWhere(db, scope, eq(bookings.id, id));
  const rows = lock ? await query.for('update') : await query;
  return rows[0];
}

export async function updateBooking(
  tx: DbOrTx,
  id: string,
  change: Partial<typeof bookings.$inferInsert>,
): Promise<void> {
  await tx.update(bookings).set(change).where(eq(bookings.id, id));
}

/** The first on the sitting's waitlist, locked: arrival order decides. */
export async function firstWaiting(
  tx: DbOrTx,
  scope: Scope,
  sittingId: string,
): Promise<BookingRow | undefined> {
  const [row] = await bookingsWhere(
    tx,
    scope,
    eq(bookings.sittingId, sittingId),
    eq(bookings.status, 'waiting'),
  )
    .orderBy(asc(bookings.arrival))
    .limit(1)
    .for('update');
  return row;
}

export function bookingsOfSitting(
  db: DbOrTx,
  scope: Scope,
  sittingId: string,
): Promise<BookingRow[]> {
  return bookingsWhere(db, scope, eq(bookings.sittingId, sittingId)).orderBy(asc(bookings.arrival));
}

export function bookingsOfCandidate(
  db: DbOrTx,
  scope: Scope,
  candidateId: string,
): Promise<BookingRow[]> {
  return bookingsWhere(db, scope, eq(bookings.candidateId, candidateId)).orderBy(
    asc(bookings.createdAt),
  );
}

/** Waiting bookings of these sittings in arrival order, for waitlist positions. */
export function waitingIn(
  db: DbOrTx,
  scope: Scope,
  sittingIds: readonly string[],
): Promise<Pick<BookingRow, 'id' | 'sittingId' | 'arrival'>[]> {
  if (sittingIds.length === 0) return Promise.resolve([]);
  return db
    .select({ id: bookings.id, sittingId: bookings.sittingId, arrival: bookings.arrival })
    .from(bookings)
    .where(
      and(
        inArray(bookings.sittingId, [...sittingIds]),
        eq(bookings.status, 'waiting'),
        bookingsInScope(scope),
      ),
    )
    .orderBy(asc(bookings.arrival));
}

/** Whether the authorisation holds a seat (booked): reminders say so. */
export async function liveBookingOf(
  db: DbOrTx,
  authorisationId: string,
): Promise<BookingRow | undefined> {
  const [row] = await db
    .select()
    .from(bookings)
    .where(
      and(eq(bookings.authorisationId, authorisationId), inArray(bookings.status, ['booked'])),
    );
  return row;
}

/** The booked seat an enrolment came from, locked; undefined when it came from elsewhere. */
export async function bookedSeatOfEnrolment(
  tx: DbOrTx,
  scope: Scope,
  enrolmentId: string,
): Promise<BookingRow | undefined> {
  const [row] = await bookingsWhere(
    tx,
    scope,
    eq(bookings.enrolmentId, enrolmentId),
    eq(bookings.status, 'booked'),
  ).for('update');
  return row;
}

/** The booked seats of these sittings, any association: the deadline reminder sweep's work. */
export function bookedSeatsIn(db: DbOrTx, sittingIds: readonly string[]): Promise<BookingRow[]> {
  if (sittingIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(bookings)
    .where(and(inArray(bookings.sittingId, [...sittingIds]), eq(bookings.status, 'booked')));
}

/** The seat settings of these sittings, whichever association holds them (the sweep's read). */
export async function seatsAnywhere(
  db: DbOrTx,
  sittingIds: readonly string[],
): Promise<Map<string, SeatsRow>> {
  if (sittingIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(sittingSeats)
    .where(inArray(sittingSeats.sittingId, [...sittingIds]));
  return new Map(rows.map((r) => [r.sittingId, r]));
}
