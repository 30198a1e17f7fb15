import type { BookingSettings } from '@exam/shared/api';
import { AppError } from '../../lib/app-error.js';

/** The defaults an association without its own settings runs on (the columns' defaults). */
export const defaultBookingSettings: BookingSettings = {
  windowKind: 'months',
  windowMonths: 12,
  windowSittings: 2,
  reminderDays: [30, 7],
  noShowCountsAsAttempt: true,
  accommodationRequestDays: 14,
  deadlineReminderDays: 3,
};

const DAY_MS = 86_400_000;

/**
 * Whether `now` lies in [from, to], both ends included: an authorisation created today books
 * today, and the last minute of a window still counts. A missing end is open.
 */
export function within(now: Date, from: Date | null, to: Date | null): boolean {
  const t = now.getTime();
  return (from === null || t >= from.getTime()) && (to === null || t <= to.getTime());
}

/** Adds calendar months in UTC, clamping to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(at: Date, months: number): Date {
  const d = new Date(at.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

/**
 * When a new authorisation lapses. By sittings: the end of the day (UTC) of the Nth sitting
 * starting after `from`, so that sitting can still be booked and sat; with fewer sittings
 * scheduled, the month rule applies (nothing lapses because a calendar is not yet planned).
 */
export function expiryFor(
  settings: BookingSettings,
  from: Date,
  upcomingStarts: readonly Date[],
): Date {
  if (settings.windowKind === 'sittings') {
    const starts = upcomingStarts
      .filter((s) => s.getTime() > from.getTime())
      .sort((a, b) => a.getTime() - b.getTime());
    const nth = starts[settings.windowSittings - 1];
    if (nth) return new Date(Math.floor(nth.getTime() / DAY_MS) * DAY_MS + DAY_MS - 1);
  }
  return addMonths(from, settings.windowMonths);
}

/**
 * Whether an authorisation still runs when the sitting starts (its last instant included): one
 * that lapses first could book a seat it can never sit. A sitting with no start yet is not held
 * against it.
 */
export function coversSitting(
  authorisation: { expiresAt: Date },
  sitting: { startsAt: Date | null },
): boolean {
  return (
    sitting.startsAt === null || sitting.startsAt.getTime() <= authorisation.expiresAt.getTime()
  );
}

/** The refusal, naming the expiry (UTC, as every server message dates things). */
export function expiresBeforeSittingError(
  authorisation: { expiresAt: Date },
  forCoordinator = false,
): AppError {
  const day = authorisation.expiresAt.toISOString().slice(0, 16).replace('T', ' ');
  return new AppError(
    'AUTHORISATION_EXPIRES_BEFORE_SITTING',
    forCoordinator
      ? `The candidate's authorisation to test expires on ${day} UTC, before this sitting starts. Extend it (with a reason) to place them.`
      : `Your authorisation to test expires on ${day} UTC, before this sitting starts. Choose an earlier sitting, or ask your coordinator to extend it.`,
    409,
    { expiresAt: authorisation.expiresAt.toISOString() },
  );
}
