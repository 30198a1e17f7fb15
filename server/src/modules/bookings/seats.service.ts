import type { BookResult, CurrentUser, PlaceCandidate, SeatSettings } from '@exam/shared/api';
import {
  associationScope,
  withinScope,
  type AssociationScope,
  type Scope,
} from '../../db/association-scope.js';
import type { Tx } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import {
  bookableSittingOf,
  withdrawBookingEnrolment,
  type BookableSitting,
} from '../sittings/index.js';
import * as authRepo from './authorisations.repo.js';
import { settingsFor } from './booking-settings.js';
import type { BookingsDeps } from './bookings.deps.js';
import { cancelCutoffOf, closesOf } from './booking-dates.js';
import { coversSitting, expiresBeforeSittingError, within } from './booking-rules.js';
import { claimInto } from './seat-claim.js';
import * as seatsRepo from './seats.repo.js';
import { promoteWaiting } from './waitlist.js';

export type SeatsService = ReturnType<typeof createSeatsService>;

const noSitting = () => new AppError('NOT_FOUND', 'No such sitting.', 404);
const noBooking = () => new AppError('NOT_FOUND', 'No such booking.', 404);

/**
 * Seats: a candidate books, cancels and reschedules under the sitting's booking window and
 * free-cancellation cutoff (inclusive, on the server's clock); a coordinator configures seats,
 * places candidates (over capacity with a reason), cancels, and records no-shows by the
 * association's rule. Each change is one transaction behind the association's RLS, audited.
 */
export function createSeatsService(deps: BookingsDeps) {
  const { db } = deps;

  async function sittingIn(tx: Tx, scope: AssociationScope, sittingId: string) {
    const sitting = await bookableSittingOf(tx, scope, sittingId);
    if (!sitting) throw noSitting();
    return sitting;
  }

  /** The candidate's cancel, under the cutoff; frees the seat to the waitlist in the same tx. */
  async function cancelIn(
    tx: Tx,
    scope: AssociationScope,
    actorId: string,
    booking: seatsRepo.BookingRow,
    byCoordinator: { reason: string } | null,
  ) {
    if (booking.status !== 'booked' && booking.status !== 'waiting') {
      throw new AppError('CONFLICT', `This booking is already ${booking.status}.`, 409);
    }
    const now = deps.clock.now();
    const sitting = await sittingIn(tx, scope, booking.sittingId);
    if (!byCoordinator) {
      const seats = (await seatsRepo.seatsOf(tx, scope, [sitting.id])).get(sitting.id);
      const cutoff = cancelCutoffOf(sitting, seats);
      if (!within(now, null, cutoff)) {
        throw new AppError(
          'CANCEL_CUTOFF_PASSED',
          'The free-cancellation cutoff has passed; ask your coordinator.',
        );
      }
    }
    await seatsRepo.updateBooking(tx, booking.id, { status: 'cancelled', statusAt: now });
    await deps.audit.append(tx, {
      actorId,
      action: 'bookings.cancelled',
      subjectType: 'booking',
      subjectId: booking.id,
      details: {
        sittingId: sitting.id,
        was: booking.status,
        reason: byCoordinator?.reason ?? null,
      },
    });
    if (booking.status === 'booked') {
      if (booking.enrolmentId) {
        await withdrawBookingEnrolment(tx, scope, sitting.id, booking.enrolmentId);
      }
      if (await seatsRepo.releaseSeat(tx, scope, sitting.id)) {
        await promoteWaiting(deps, tx, scope, sitting.id, actorId);
      }
    }
  }

  /** A candidate's claim: authorisation valid now, sitting theirs, window open. */
  async function bookIn(
    tx: Tx,
    scope: AssociationScope,
    candidate: CurrentUser,
    sittingId: string,
    authorisationId: string,
  ): Promise<BookResult> {
    const now = deps.clock.now();
    const authorisation = await authRepo.findAuthorisation(tx, scope, authorisationId, true);
    if (!authorisation || authorisation.candidateId !== candidate.id) {
      throw new AppError('NOT_FOUND', 'No such authorisation of yours.', 404);
    }
    if (!within(now, authorisation.validFrom, authorisation.expiresAt)) {
      throw new AppError('AUTHORISATION_EXPIRED', 'Your authorisation to test is not valid now.');
    }
    const sitting = await sittingIn(tx, scope, sittingId);
    assertEndorsement(sitting, authorisation.examEndorsement);
    if (!coversSitting(authorisation, sitting)) throw expiresBeforeSittingError(authorisation);
    const seats = (await seatsRepo.seatsOf(tx, scope, [sitting.id])).get(sitting.id);
    const opens = seats?.bookingOpensAt ?? null;
    if (
      !sitting.acceptsEnrolment ||
      opens === null ||
      !within(now, opens, closesOf(sitting, seats))
    ) {
      throw new AppError('BOOKING_WINDOW_CLOSED', 'This sitting is not open for booking now.');
    }
    const booking = await claimInto(deps, tx, scope, {
      sittingId: sitting.id,
      authorisation,
      actorId: candidate.id,
      force: false,
    });
    return {
      bookingId: booking.id,
      status: booking.status as BookResult['status'],
      waitPosition: booking.status === 'waiting' ? await positionOf(tx, scope, booking) : null,
    };
  }

  async function positionOf(tx: Tx, scope: AssociationScope, booking: seatsRepo.BookingRow) {
    const waiting = await seatsRepo.waitingIn(tx, scope, [booking.sittingId]);
    return waiting.findIndex((w) => w.id === booking.id) + 1;
  }

  /**
   * The association a staff action on a booking runs in: the actor's, or for an administrator
   * acting for none, the booking's own (read in the programme's scope).
   */
  async function bookingScope(reach: Scope, id: string): Promise<AssociationScope> {
    const found = await seatsRepo.findBooking(db, reach, id);
    if (!found) throw noBooking();
    return associationScope(found.associationId);
  }

  async function ownBooking(tx: Tx, scope: AssociationScope, candidate: CurrentUser, id: string) {
    const booking = await seatsRepo.findBooking(tx, scope, id, true);
    if (!booking || booking.candidateId !== candidate.id) throw noBooking();
    return booking;
  }

  return {
    book(candidate: CurrentUser, scope: AssociationScope, sittingId: string, authId: string) {
      return withinScope(db, scope, (tx) => bookIn(tx, scope, candidate, sittingId, authId));
    },

    cancel(candidate: CurrentUser, scope: AssociationScope, bookingId: string) {
      return withinScope(db, scope, async (tx) => {
        const booking = await ownBooking(tx, scope, candidate, bookingId);
        await cancelIn(tx, scope, candidate.id, booking, null);
      });
    },

    /** Cancel and book again in one transaction: both rules hold or nothing changes. */
    reschedule(candidate: CurrentUser, scope: AssociationScope, bookingId: string, to: string) {
      return withinScope(db, scope, async (tx) => {
        const booking = await ownBooking(tx, scope, candidate, bookingId);
        if (booking.sittingId === to) {
          throw new AppError('CONFLICT', 'Choose another sitting to move to.', 409);
        }
        await cancelIn(tx, scope, candidate.id, booking, null);
        return bookIn(tx, scope, candidate, to, booking.authorisationId);
      });
    },

    configure(actor: CurrentUser, scope: AssociationScope, sittingId: string, input: SeatSettings) {
      return withinScope(db, scope, async (tx) => {
        await sittingIn(tx, scope, sittingId);
        const at = (v: string | null) => (v === null ? null : new Date(v));
        await seatsRepo.saveSeatSettings(tx, {
          sittingId,
          associationId: scope.associationId,
          capacity: input.capacity,
          bookingOpensAt: at(input.bookingOpensAt),
          bookingClosesAt: at(input.bookingClosesAt),
          cancelCutoffAt: at(input.cancelCutoffAt),
        });
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'bookings.seats_configured',
          subjectType: 'sitting',
          subjectId: sittingId,
          details: { ...input },
        });
        // A raised capacity frees seats: the waitlist takes them first.
        await promoteWaiting(deps, tx, scope, sittingId, actor.id);
      });
    },

    /** A coordinator's direct placement; over capacity only with a reason, which is audited. */
    place(actor: CurrentUser, scope: AssociationScope, sittingId: string, input: PlaceCandidate) {
      return withinScope(db, scope, async (tx) => {
        const sitting = await sittingIn(tx, scope, sittingId);
        const [person] = (await deps.users.findByEmails(tx, [input.email], scope)).filter((u) =>
          u.roles.includes('candidate'),
        );
        if (!person) throw new AppError('NOT_FOUND', 'No candidate of yours has that email.', 404);
        const now = deps.clock.now();
        const valid = (await authRepo.authorisationsOfCandidate(tx, scope, person.id)).filter((a) =>
          within(now, a.validFrom, a.expiresAt),
        );
        if (valid.length === 0) {
          throw new AppError('AUTHORISATION_EXPIRED', 'The candidate has no valid authorisation.');
        }
        // The authorisation that still runs when the sitting starts; none: extend one first.
        const authorisation = valid.find((a) => coversSitting(a, sitting));
        if (!authorisation) throw expiresBeforeSittingError(valid.at(-1)!, true);
        assertEndorsement(sitting, authorisation.examEndorsement);
        const booking = await claimInto(deps, tx, scope, {
          sittingId,
          authorisation,
          actorId: actor.id,
          force: input.overCapacityReason !== null,
          overCapacityReason: input.overCapacityReason,
        });
        if (booking.status !== 'booked') {
          throw new AppError(
            'CONFLICT',
            'The sitting is full; give a reason to place the candidate over capacity.',
            409,
          );
        }
        return booking;
      });
    },

    /**
     * The roster's removal of an enrolment that came from a booked seat: withdrawn as a
     * coordinator's withdraw, in the roster's transaction. False: no booking to withdraw.
     */
    async withdrawWithin(
      tx: Tx,
      associationId: string,
      removal: { enrolmentId: string; actorId: string; reason: string },
    ): Promise<boolean> {
      const scope = associationScope(associationId);
      const booking = await seatsRepo.bookedSeatOfEnrolment(tx, scope, removal.enrolmentId);
      if (!booking) return false;
      await cancelIn(tx, scope, removal.actorId, booking, { reason: removal.reason });
      return true;
    },

    async cancelByCoordinator(actor: CurrentUser, reach: Scope, id: string, reason: string) {
      const scope = await bookingScope(reach, id);
      return withinScope(db, scope, async (tx) => {
        const booking = await seatsRepo.findBooking(tx, scope, id, true);
        if (!booking) throw noBooking();
        await cancelIn(tx, scope, actor.id, booking, { reason });
      });
    },

    /** After the start only; whether it counts as an attempt is the association's rule then. */
    async recordNoShow(actor: CurrentUser, reach: Scope, id: string) {
      const scope = await bookingScope(reach, id);
      return withinScope(db, scope, async (tx) => {
        const booking = await seatsRepo.findBooking(tx, scope, id, true);
        if (!booking) throw noBooking();
        const sitting = await sittingIn(tx, scope, booking.sittingId);
        const now = deps.clock.now();
        if (booking.status !== 'booked' || !sitting.startsAt || now < sitting.startsAt) {
          throw new AppError(
            'CONFLICT',
            'A no-show is recorded for a booked seat once the sitting has started.',
            409,
          );
        }
        const counts = (await settingsFor(tx, scope.associationId)).noShowCountsAsAttempt;
        await seatsRepo.updateBooking(tx, id, {
          status: 'no-show',
          noShowCountsAsAttempt: counts,
          statusAt: now,
        });
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'bookings.no_show',
          subjectType: 'booking',
          subjectId: id,
          details: { sittingId: sitting.id, countsAsAttempt: counts },
        });
        return counts;
      });
    },
  };
}

/** A sitting with forms chosen seats only the endorsements it has a form for. */
function assertEndorsement(sitting: BookableSitting, endorsement: string) {
  if (sitting.endorsements.length > 0 && !sitting.endorsements.includes(endorsement)) {
    throw new AppError('CONFLICT', `This sitting has no ${endorsement} exam.`, 409);
  }
}
