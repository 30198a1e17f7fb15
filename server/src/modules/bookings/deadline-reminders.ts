import type { BookingSettings } from '@exam/shared/api';
import { enrolmentsWithRequests, enrollingSittingsStartingBetween } from '../sittings/index.js';
import { settingsFor } from './booking-settings.js';
import { bookingDatesOf } from './booking-dates.js';
import type { ExpiryReminderDeps } from './reminders.js';
import * as seatsRepo from './seats.repo.js';

const DAY_MS = 86_400_000;
/**
 * How far ahead a sitting can have a reminder due: the longest accommodation deadline plus the
 * longest reminder lead the settings allow (bookingSettingsSchema: 120 and 60 days).
 */
const HORIZON_MS = (120 + 60 + 1) * DAY_MS;

/** Whether `deadline` is ahead of `now` by at most `days` (the reminder's lead), 0: never. */
function dueBefore(now: Date, deadline: Date | null, days: number): deadline is Date {
  if (!deadline || days <= 0) return false;
  const left = deadline.getTime() - now.getTime();
  return left > 0 && left <= days * DAY_MS;
}

/**
 * Reminders before the dates the candidate's dates page shows, from the same function
 * (bookingDatesOf): the free-cancellation cutoff of a booked seat, and the accommodation request
 * deadline of a booked seat with no request yet (pending or decided: the candidate has acted).
 * They go the association's `deadlineReminderDays` before each date. The dedupe key (booking,
 * kind, the date itself) is unique in the mail queue: a second run, a second scheduler or a
 * retry enqueues nothing more, and a moved date earns a fresh reminder.
 */
export function createDeadlineReminders(deps: ExpiryReminderDeps) {
  return {
    /** Enqueues what is due; returns how many reminders were new. */
    async runDue(): Promise<number> {
      const { outbox } = deps;
      if (!outbox) return 0;
      if (deps.leadership && !deps.leadership.isLeader()) return 0;
      const now = deps.clock.now();
      const ahead = await enrollingSittingsStartingBetween(
        deps.db,
        now,
        new Date(now.getTime() + HORIZON_MS),
      );
      const sittings = new Map(ahead.map((s) => [s.id, s]));
      const sittingIds = [...sittings.keys()];
      const booked = await seatsRepo.bookedSeatsIn(deps.db, sittingIds);
      const seats = await seatsRepo.seatsAnywhere(deps.db, sittingIds);
      const asked = await enrolmentsWithRequests(
        deps.db,
        booked.flatMap((b) => (b.enrolmentId ? [b.enrolmentId] : [])),
      );
      const settings = new Map<string, BookingSettings>();
      const settingsOf = async (associationId: string) => {
        const known = settings.get(associationId);
        if (known) return known;
        const read = await settingsFor(deps.db, associationId);
        settings.set(associationId, read);
        return read;
      };
      let queued = 0;
      for (const booking of booked) {
        const sitting = sittings.get(booking.sittingId);
        if (!sitting?.startsAt) continue;
        const rules = await settingsOf(booking.associationId);
        const dates = bookingDatesOf(sitting, seats.get(sitting.id), rules);
        const days = rules.deadlineReminderDays;
        const cutoff = dates.cancelCutoffAt;
        const deadline = dates.accommodationRequestDeadline;
        const due = [
          ...(dueBefore(now, cutoff, days) ? [{ kind: 'cancel-cutoff', at: cutoff }] : []),
          ...(dueBefore(now, deadline, days) &&
          !(booking.enrolmentId && asked.has(booking.enrolmentId))
            ? [{ kind: 'accommodation-deadline', at: deadline }]
            : []),
        ] as const;
        if (due.length === 0) continue;
        const [person] = await deps.users.mailContactsOf(deps.db, [booking.candidateId]);
        if (!person) continue;
        for (const reminder of due) {
          const origin = deps.publicOrigin ?? '';
          const result = await outbox.enqueue({
            to: person.email,
            recipientName: person.displayName,
            associationId: booking.associationId,
            ...(person.timeZone ? { timeZone: person.timeZone } : {}),
            template:
              reminder.kind === 'cancel-cutoff'
                ? {
                    kind: 'cancel-cutoff-approaching',
                    sittingName: sitting.name,
                    startsAt: sitting.startsAt,
                    cutoffAt: reminder.at,
                    signInLink: `${origin}/my-exam`,
                  }
                : {
                    kind: 'accommodation-deadline-approaching',
                    sittingName: sitting.name,
                    startsAt: sitting.startsAt,
                    deadlineAt: reminder.at,
                    signInLink: `${origin}/accommodations`,
                  },
            dedupeKey: `${reminder.kind}:${booking.id}:${reminder.at.toISOString()}`,
          });
          if (!result.duplicate) queued += 1;
        }
      }
      return queued;
    },
  };
}
