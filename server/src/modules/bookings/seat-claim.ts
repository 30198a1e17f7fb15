import type { AssociationScope } from '../../db/association-scope.js';
import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import { enrolForBooking } from '../sittings/index.js';
import type { AuthorisationRow } from './authorisations.repo.js';
import type { BookingsDeps } from './bookings.deps.js';
import * as seatsRepo from './seats.repo.js';

/**
 * Claims a seat (or a waitlist place) for an authorisation and writes the booking, plus the
 * enrolment when seated, in the caller's transaction. The decision is claimSeat's one UPDATE;
 * what follows runs under the row lock it took.
 */
export async function claimInto(
  deps: BookingsDeps,
  tx: DbOrTx,
  scope: AssociationScope,
  claim: {
    sittingId: string;
    authorisation: AuthorisationRow;
    actorId: string;
    force: boolean;
    overCapacityReason?: string | null;
  },
): Promise<seatsRepo.BookingRow> {
  const { authorisation, sittingId } = claim;
  const now = deps.clock.now();
  await seatsRepo.ensureSeats(tx, sittingId, scope.associationId);
  const live = await seatsRepo.bookingsOfCandidate(tx, scope, authorisation.candidateId);
  if (live.some((b) => b.authorisationId === authorisation.id && isLive(b.status))) {
    throw new AppError('ALREADY_BOOKED', 'This authorisation already holds a seat or a place.');
  }
  const claimed = await seatsRepo.claimSeat(tx, scope, sittingId, claim.force);
  if (!claimed) throw new AppError('NOT_FOUND', 'No such sitting.', 404);
  const over = claimed.capacity !== null && claimed.seatsTaken > claimed.capacity;
  const booking = await seatsRepo.insertBooking(tx, {
    associationId: scope.associationId,
    sittingId,
    candidateId: authorisation.candidateId,
    authorisationId: authorisation.id,
    status: claimed.seated ? 'booked' : 'waiting',
    arrival: claimed.arrival,
    overCapacityReason: over ? (claim.overCapacityReason ?? null) : null,
    placedBy: claim.actorId === authorisation.candidateId ? null : claim.actorId,
    createdAt: now,
    statusAt: now,
  });
  if (claimed.seated) {
    const enrolmentId = await enrolForBooking(tx, scope, {
      sittingId,
      candidateId: authorisation.candidateId,
      examEndorsement: authorisation.examEndorsement,
      category: authorisation.category,
      track: authorisation.track,
      parts: authorisation.parts,
      enrolledBy: claim.actorId,
      at: now,
    });
    await seatsRepo.updateBooking(tx, booking.id, { enrolmentId });
    booking.enrolmentId = enrolmentId;
  }
  await deps.audit.append(tx, {
    actorId: claim.actorId,
    action: over ? 'bookings.placed_over_capacity' : `bookings.${booking.status}`,
    subjectType: 'booking',
    subjectId: booking.id,
    details: {
      sittingId,
      arrival: claimed.arrival,
      ...(over ? { reason: claim.overCapacityReason ?? null } : {}),
    },
  });
  return booking;
}

function isLive(status: string) {
  return status === 'booked' || status === 'waiting';
}
