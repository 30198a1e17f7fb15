import * as authRepo from './authorisations.repo.js';
import { settingsFor } from './booking-settings.js';
import type { BookingsDeps } from './bookings.deps.js';
import * as seatsRepo from './seats.repo.js';

const DAY_MS = 86_400_000;
/** The longest reminder lead the settings allow (bookingSettingsSchema: 365 days). */
const HORIZON_MS = 366 * DAY_MS;

/** What the reminder sweeps read: the contacts only, never the accounts' other services. */
export interface ExpiryReminderDeps extends Pick<
  BookingsDeps,
  'db' | 'clock' | 'outbox' | 'publicOrigin'
> {
  users: Pick<BookingsDeps['users'], 'mailContactsOf'>;
  /** Only the leader reminds; absent: always (tests, one instance). */
  leadership?: { isLeader(): boolean };
}

/**
 * Mails "your authorisation expires soon" once per reminder day. Of the reminder days already
 * due, only the nearest is sent (an authorisation granted five days before expiry gets the
 * seven-day reminder, not the thirty-day one too). The dedupe key (authorisation, expiry, day)
 * is unique in the mail queue, so a second run, a second scheduler or a retry enqueues nothing
 * more; an extension moves the expiry and so earns fresh reminders.
 */
export function createExpiryReminders(deps: ExpiryReminderDeps) {
  return {
    async runDue(): Promise<number> {
      const { outbox } = deps;
      if (!outbox) return 0;
      if (deps.leadership && !deps.leadership.isLeader()) return 0;
      const now = deps.clock.now();
      const due = await authRepo.expiringBetween(
        deps.db,
        now,
        new Date(now.getTime() + HORIZON_MS),
      );
      let queued = 0;
      for (const authorisation of due) {
        const settings = await settingsFor(deps.db, authorisation.associationId);
        const left = authorisation.expiresAt.getTime() - now.getTime();
        const day = settings.reminderDays
          .filter((d) => left <= d * DAY_MS)
          .sort((a, b) => a - b)[0];
        if (day === undefined) continue;
        const [person] = await deps.users.mailContactsOf(deps.db, [authorisation.candidateId]);
        if (!person) continue;
        const booked = Boolean(await seatsRepo.liveBookingOf(deps.db, authorisation.id));
        const result = await outbox.enqueue({
          to: person.email,
          recipientName: person.displayName,
          associationId: authorisation.associationId,
          ...(person.timeZone ? { timeZone: person.timeZone } : {}),
          template: {
            kind: 'authorisation-expiring',
            expiresAt: authorisation.expiresAt,
            booked,
            signInLink: `${deps.publicOrigin ?? ''}/my-exam`,
          },
          dedupeKey: `authorisation-expiring:${authorisation.id}:${authorisation.expiresAt.toISOString()}:${day}`,
        });
        if (!result.duplicate) queued += 1;
      }
      return queued;
    },
  };
}
