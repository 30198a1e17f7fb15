import type { Scope } from '../../db/association-scope.js';
import type { DbOrTx } from '../../db/client.js';
import { bookableSittingOf, enrolForBooking } from '../sittings/index.js';
import * as authRepo from './authorisations.repo.js';
import type { BookingsDeps } from './bookings.deps.js';
import { coversSitting, within } from './booking-rules.js';
import * as seatsRepo from './seats.repo.js';

/**
 * Fills free seats from the waitlist, first arrival first, in the caller's transaction (the
 * cancel or capacity change that freed them), so a freed seat is never open to a newcomer while
 * someone waits. Each promoted candidate gets the enrolment and a mail in the same transaction.
 * A waiting candidate whose authorisation has lapsed, or lapses before the sitting starts,
 * could not sit it: their place is cancelled (audited with why) and the next one is taken.
 */
export async function promoteWaiting(
  deps: BookingsDeps,
  tx: DbOrTx,
  scope: Scope,
  sittingId: string,
  actorId: string | null,
): Promise<string[]> {
  const promoted: string[] = [];
  const now = deps.clock.now();
  const sitting = await bookableSittingOf(tx, scope, sittingId);
  for (;;) {
    const next = await seatsRepo.firstWaiting(tx, scope, sittingId);
    if (!next) break;
    const authorisation = await authRepo.findAuthorisation(tx, scope, next.authorisationId);
    const lapsed = !authorisation || !within(now, authorisation.validFrom, authorisation.expiresAt);
    const tooSoon = authorisation && sitting && !coversSitting(authorisation, sitting);
    if (!authorisation || lapsed || tooSoon) {
      await seatsRepo.updateBooking(tx, next.id, { status: 'cancelled', statusAt: now });
      await deps.audit.append(tx, {
        actorId,
        action: 'bookings.waitlist_lapsed',
        subjectType: 'booking',
        subjectId: next.id,
        details: { sittingId, why: lapsed ? 'expired' : 'expires-before-sitting' },
      });
      continue;
    }
    if (!(await seatsRepo.takeFreeSeat(tx, scope, sittingId))) break;
    const enrolmentId = await enrolForBooking(tx, scope, {
      sittingId,
      candidateId: next.candidateId,
      examEndorsement: authorisation.examEndorsement,
      category: authorisation.category,
      track: authorisation.track,
      parts: authorisation.parts,
      enrolledBy: actorId,
      at: now,
    });
    await seatsRepo.updateBooking(tx, next.id, { status: 'booked', enrolmentId, statusAt: now });
    await deps.audit.append(tx, {
      actorId,
      action: 'bookings.waitlist_promoted',
      subjectType: 'booking',
      subjectId: next.id,
      details: { sittingId, arrival: next.arrival },
    });
    await tellPromoted(deps, tx, scope, sittingId, next);
    promoted.push(next.id);
  }
  return promoted;
}

async function tellPromoted(
  deps: BookingsDeps,
  tx: DbOrTx,
  scope: Scope,
  sittingId: string,
  booking: seatsRepo.BookingRow,
) {
  if (!deps.outbox) return;
  const sitting = await bookableSittingOf(tx, scope, sittingId);
  const [person] = await deps.users.mailContactsOf(tx, [booking.candidateId]);
  if (!sitting || !person) return;
  await deps.outbox.enqueue(
    {
      to: person.email,
      recipientName: person.displayName,
      associationId: booking.associationId,
      ...(person.timeZone ? { timeZone: person.timeZone } : {}),
      template: {
        kind: 'waitlist-promoted',
        sittingName: sitting.name,
        startsAt: sitting.startsAt,
        sittingTimeZone: sitting.timeZone,
        signInLink: `${deps.publicOrigin ?? ''}/my-exam`,
      },
      dedupeKey: `waitlist-promoted:${booking.id}`,
    },
    tx,
  );
}
