import { and, asc, eq, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { authorisations, bookings } from '../../db/schema/bookings.js';
import { iso } from '../../lib/iso.js';

/** An authorisation to test as the candidate's export shows it (extensions are audit's). */
export interface AuthorisationData {
  id: string;
  associationId: string;
  examEndorsement: string;
  category: string;
  track: string | null;
  parts: number[];
  validFrom: string;
  expiresAt: string;
  source: string;
  reference: string | null;
}

/** A booking as the candidate's export shows it; the sitting's name is sittings'. */
export interface BookingData {
  id: string;
  sittingId: string;
  authorisationId: string;
  status: string;
  waitlistPosition: number | null;
  noShowCountsAsAttempt: boolean | null;
  placedByStaff: boolean;
  createdAt: string;
  statusAt: string;
}

/**
 * The read side bookings gives the privacy module: one candidate's authorisations and bookings.
 * A waiting booking carries its place on the waitlist, counted from the others waiting ahead of
 * it without naming them; who granted or placed, and a coordinator's over-capacity reason, are
 * staff's and stay out.
 */
export async function bookingDataOf(
  db: DbOrTx,
  candidateId: string,
): Promise<{ authorisations: AuthorisationData[]; bookings: BookingData[] }> {
  const [granted, booked] = await Promise.all([
    db
      .select()
      .from(authorisations)
      .where(eq(authorisations.candidateId, candidateId))
      .orderBy(asc(authorisations.validFrom)),
    db
      .select()
      .from(bookings)
      .where(eq(bookings.candidateId, candidateId))
      .orderBy(asc(bookings.createdAt)),
  ]);
  const positions = new Map<string, number>();
  for (const waiting of booked.filter((b) => b.status === 'waiting')) {
    const [ahead] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(bookings)
      .where(
        and(
          eq(bookings.sittingId, waiting.sittingId),
          eq(bookings.status, 'waiting'),
          lt(bookings.arrival, waiting.arrival),
        ),
      );
    positions.set(waiting.id, Number(ahead?.n ?? 0) + 1);
  }
  return {
    authorisations: granted.map((a) => ({
      id: a.id,
      associationId: a.associationId,
      examEndorsement: a.examEndorsement,
      category: a.category,
      track: a.track,
      parts: a.parts,
      validFrom: iso(a.validFrom),
      expiresAt: iso(a.expiresAt),
      source: a.source,
      reference: a.reference,
    })),
    bookings: booked.map((b) => ({
      id: b.id,
      sittingId: b.sittingId,
      authorisationId: b.authorisationId,
      status: b.status,
      waitlistPosition: positions.get(b.id) ?? null,
      noShowCountsAsAttempt: b.status === 'no-show' ? b.noShowCountsAsAttempt : null,
      placedByStaff: b.placedBy !== null,
      createdAt: iso(b.createdAt),
      statusAt: iso(b.statusAt),
    })),
  };
}
