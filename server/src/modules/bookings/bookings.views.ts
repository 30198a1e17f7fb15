import type {
  Authorisation,
  AuthorisationSource,
  BookingStatus,
  CurrentUser,
  MyDatesResponse,
  MyExamResponse,
  SeatOffer,
  SittingSeatsResponse,
} from '@exam/shared/api';
import { withinScope, type AssociationScope, type Scope } from '../../db/association-scope.js';
import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import { bookableSittingOf, bookableSittingsOf, type BookableSitting } from '../sittings/index.js';
import * as authRepo from './authorisations.repo.js';
import { settingsFor } from './booking-settings.js';
import type { BookingsDeps } from './bookings.deps.js';
import { bookingDatesOf, cancelCutoffOf, closesOf } from './booking-dates.js';
import { coversSitting, within } from './booking-rules.js';
import * as seatsRepo from './seats.repo.js';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export type BookingsViews = ReturnType<typeof createBookingsViews>;

/** What the booking pages read: rows never leave the module, these shapes do. */
export function createBookingsViews(deps: BookingsDeps) {
  const { db } = deps;

  function offerOf(sitting: BookableSitting, seats: seatsRepo.SeatsRow | undefined): SeatOffer {
    const capacity = seats?.capacity ?? null;
    const taken = seats?.seatsTaken ?? 0;
    const opens = seats?.bookingOpensAt ?? null;
    return {
      sittingId: sitting.id,
      name: sitting.name,
      startsAt: iso(sitting.startsAt),
      timeZone: sitting.timeZone,
      remote: sitting.remote,
      location: sitting.location,
      capacity,
      seatsTaken: taken,
      seatsLeft: capacity === null ? null : Math.max(capacity - taken, 0),
      bookingOpensAt: iso(opens),
      bookingClosesAt: iso(closesOf(sitting, seats)),
      cancelCutoffAt: iso(cancelCutoffOf(sitting, seats)),
      open:
        sitting.acceptsEnrolment &&
        opens !== null &&
        within(deps.clock.now(), opens, closesOf(sitting, seats)),
      expiresBeforeSitting: null,
    };
  }

  async function authorisationsOf(
    tx: DbOrTx,
    scope: Scope,
    rows: authRepo.AuthorisationRow[],
  ): Promise<Authorisation[]> {
    const people = new Map(
      (await deps.users.findByIds(tx, [...new Set(rows.map((r) => r.candidateId))], scope)).map(
        (u) => [u.id, u],
      ),
    );
    const now = deps.clock.now();
    return rows.map((r) => ({
      id: r.id,
      candidateId: r.candidateId,
      candidateName: people.get(r.candidateId)?.displayName ?? '',
      candidateEmail: people.get(r.candidateId)?.email ?? '',
      examEndorsement: r.examEndorsement,
      category: r.category,
      track: r.track,
      parts: r.parts,
      validFrom: r.validFrom.toISOString(),
      expiresAt: r.expiresAt.toISOString(),
      source: r.source as AuthorisationSource,
      reference: r.reference,
      valid: within(now, r.validFrom, r.expiresAt),
    }));
  }

  return {
    list(scope: Scope): Promise<Authorisation[]> {
      return withinScope(db, scope, async (tx) =>
        authorisationsOf(tx, scope, await authRepo.listAuthorisations(tx, scope)),
      );
    },

    /** Every sitting of the scope with its seats, soonest first (the coordinator's overview). */
    offers(scope: Scope): Promise<SeatOffer[]> {
      return withinScope(db, scope, async (tx) => {
        const sittings = await bookableSittingsOf(tx, scope);
        const seats = await seatsRepo.seatsOf(
          tx,
          scope,
          sittings.map((s) => s.id),
        );
        return sittings.map((s) => offerOf(s, seats.get(s.id)));
      });
    },

    sittingSeats(scope: Scope, sittingId: string): Promise<SittingSeatsResponse> {
      return withinScope(db, scope, async (tx) => {
        const sitting = await bookableSittingOf(tx, scope, sittingId);
        if (!sitting) throw new AppError('NOT_FOUND', 'No such sitting.', 404);
        const seats = (await seatsRepo.seatsOf(tx, scope, [sittingId])).get(sittingId);
        const rows = await seatsRepo.bookingsOfSitting(tx, scope, sittingId);
        const names = new Map(
          (
            await deps.users.findByIds(
              tx,
              rows.map((r) => r.candidateId),
              scope,
            )
          ).map((u) => [u.id, u.displayName]),
        );
        let position = 0;
        return {
          offer: offerOf(sitting, seats),
          bookings: rows.map((r) => ({
            id: r.id,
            candidateId: r.candidateId,
            candidateName: names.get(r.candidateId) ?? '',
            status: r.status as BookingStatus,
            waitPosition: r.status === 'waiting' ? ++position : null,
            overCapacityReason: r.overCapacityReason,
            noShowCountsAsAttempt: r.noShowCountsAsAttempt,
          })),
        };
      });
    },

    mine(candidate: CurrentUser, scope: AssociationScope): Promise<MyExamResponse> {
      return withinScope(db, scope, async (tx) => {
        const now = deps.clock.now();
        const auths = await authRepo.authorisationsOfCandidate(tx, scope, candidate.id);
        const sittings = await bookableSittingsOf(tx, scope);
        const seats = await seatsRepo.seatsOf(
          tx,
          scope,
          sittings.map((s) => s.id),
        );
        const endorsements = new Set(auths.map((a) => a.examEndorsement));
        const valid = auths.filter((a) => within(now, a.validFrom, a.expiresAt));
        const bookings = await seatsRepo.bookingsOfCandidate(tx, scope, candidate.id);
        const waiting = await seatsRepo.waitingIn(tx, scope, [
          ...new Set(bookings.map((b) => b.sittingId)),
        ]);
        const byId = new Map(sittings.map((s) => [s.id, s]));
        return {
          authorisations: await authorisationsOf(tx, scope, auths),
          bookings: bookings
            .filter((b) => b.status !== 'cancelled')
            .map((b) => {
              const sitting = byId.get(b.sittingId);
              const cutoff = sitting ? cancelCutoffOf(sitting, seats.get(b.sittingId)) : null;
              const live = b.status === 'booked' || b.status === 'waiting';
              return {
                id: b.id,
                authorisationId: b.authorisationId,
                sittingId: b.sittingId,
                sittingName: sitting?.name ?? '',
                status: b.status as BookingStatus,
                waitPosition:
                  b.status === 'waiting'
                    ? waiting
                        .filter((w) => w.sittingId === b.sittingId)
                        .findIndex((w) => w.id === b.id) + 1
                    : null,
                startsAt: iso(sitting?.startsAt),
                cancelCutoffAt: iso(cutoff),
                canCancel: live && within(now, null, cutoff),
              };
            }),
          offers: sittings
            .filter(
              (s) => s.endorsements.length === 0 || s.endorsements.some((e) => endorsements.has(e)),
            )
            .flatMap((s) => {
              const offer = offerOf(s, seats.get(s.id));
              if (!offer.open) return [];
              // Shown but not bookable when every authorisation that could book it lapses first.
              const usable = valid.filter(
                (a) => s.endorsements.length === 0 || s.endorsements.includes(a.examEndorsement),
              );
              const blocked = usable.length > 0 && !usable.some((a) => coversSitting(a, s));
              const latest = usable.at(-1)?.expiresAt;
              return [{ ...offer, expiresBeforeSitting: blocked ? iso(latest) : null }];
            }),
        };
      });
    },

    /** The candidate's dates: the newest authorisation and the live booking, if any. */
    async dates(candidate: CurrentUser, scope: AssociationScope): Promise<MyDatesResponse> {
      // The date sources read through their own modules' connections: asked after this
      // transaction ends, never inside it (one embedded connection would wait on itself).
      const { view, sitting } = await withinScope(db, scope, async (tx) => {
        const auths = await authRepo.authorisationsOfCandidate(tx, scope, candidate.id);
        const newest = auths.at(-1);
        const live = (await seatsRepo.bookingsOfCandidate(tx, scope, candidate.id)).find(
          (b) => b.status === 'booked' || b.status === 'waiting',
        );
        const sitting = live ? await bookableSittingOf(tx, scope, live.sittingId) : undefined;
        const seats = sitting
          ? (await seatsRepo.seatsOf(tx, scope, [sitting.id])).get(sitting.id)
          : undefined;
        const settings = await settingsFor(tx, scope.associationId);
        const dates = sitting ? bookingDatesOf(sitting, seats, settings) : undefined;
        const view = {
          authorisationExpiresAt: iso(newest?.expiresAt),
          sittingName: sitting?.name ?? null,
          bookingOpensAt: iso(dates?.bookingOpensAt),
          bookingClosesAt: iso(dates?.bookingClosesAt),
          cancelCutoffAt: iso(dates?.cancelCutoffAt),
          accommodationRequestDeadline: iso(dates?.accommodationRequestDeadline),
          checkInOpensAt: iso(dates?.startsAt),
          startsAt: iso(dates?.startsAt),
          earliestRetakeDate: null,
        };
        return { view, sitting };
      });
      const checkIn = sitting ? await deps.dates?.checkInOpensAt?.(sitting) : undefined;
      const retake = await deps.dates?.earliestRetakeDate?.(candidate.id, scope.associationId);
      return {
        ...view,
        checkInOpensAt: checkIn ? iso(checkIn) : view.checkInOpensAt,
        earliestRetakeDate: iso(retake ?? null),
      };
    },
  };
}
