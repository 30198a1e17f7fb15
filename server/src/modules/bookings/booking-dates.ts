import type { BookingSettings } from '@exam/shared/api';
import { requestDeadline } from '../sittings/index.js';
import type { SeatsRow } from './seats.repo.js';

/** The dates a booking runs by: what the candidate's dates page shows and the reminders use. */
export interface BookingDates {
  bookingOpensAt: Date | null;
  bookingClosesAt: Date | null;
  cancelCutoffAt: Date | null;
  accommodationRequestDeadline: Date | null;
  startsAt: Date | null;
}

type SeatTimes = Pick<SeatsRow, 'bookingOpensAt' | 'bookingClosesAt' | 'cancelCutoffAt'>;

/** Booking closes at the configured time, else when the sitting starts. */
export function closesOf(sitting: { startsAt: Date | null }, seats: SeatTimes | undefined) {
  return seats?.bookingClosesAt ?? sitting.startsAt;
}

/** Free cancellation ends at the configured cutoff, else when the sitting starts. */
export function cancelCutoffOf(sitting: { startsAt: Date | null }, seats: SeatTimes | undefined) {
  return seats?.cancelCutoffAt ?? sitting.startsAt;
}

/**
 * One place for a booking's deadlines, so the page and the reminders can never disagree:
 * booking closes at the configured time, else at the start; free cancellation likewise; the
 * accommodation deadline is the sittings module's own rule (the one its request check applies).
 */
export function bookingDatesOf(
  sitting: { startsAt: Date | null },
  seats: SeatTimes | undefined,
  settings: Pick<BookingSettings, 'accommodationRequestDays'>,
): BookingDates {
  const { startsAt } = sitting;
  return {
    bookingOpensAt: seats?.bookingOpensAt ?? null,
    bookingClosesAt: closesOf(sitting, seats),
    cancelCutoffAt: cancelCutoffOf(sitting, seats),
    accommodationRequestDeadline: requestDeadline(startsAt, settings.accommodationRequestDays),
    startsAt,
  };
}
