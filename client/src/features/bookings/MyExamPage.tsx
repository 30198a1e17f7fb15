import { useEffect, useRef, useState } from 'react';
import type { Authorisation, MyBooking, SeatOffer } from '@exam/shared/api';
import { formatDate, useViewerZone } from '../../lib/dates';
import { messageOf } from '../../lib/api';
import { useLoad } from '../../lib/use-load';
import { FormError, StatusMessage } from '../../ui/FormError';
import { Page } from '../../ui/Page';
import { SelectField } from '../../ui/fields';
import { bookSeat, cancelBooking, getMyExam, rescheduleBooking } from './bookings.api';

const statusText: Record<MyBooking['status'], string> = {
  booked: 'Seat booked',
  waiting: 'On the waitlist',
  cancelled: 'Cancelled',
  'no-show': 'Recorded as not attended',
};

/**
 * The candidate's booking page: their authorisation with its expiry, their seat or waitlist
 * place (cancel or move it before the free-cancellation cutoff), and the sittings open for
 * booking with the seats left; one that starts after the authorisation expires is shown as not
 * bookable, with the expiry. Every date is in the candidate's zone, named.
 */
export function MyExamPage() {
  const zone = useViewerZone();
  const { state, reload } = useLoad((signal) => getMyExam(signal), []);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  // Booking, cancelling or moving takes away the button pressed (the page is reloaded without
  // it), and focus fell to the page body; it goes to the booking's section instead.
  const bookingHeading = useRef<HTMLHeadingElement>(null);
  const refocus = useRef(false);
  // One action at a time, until the page shows its outcome: a second press of Enter on the same
  // button (before the reload takes it away) would otherwise book or cancel twice, and the
  // server's refusal of the second would show as an error beside the success.
  const busy = useRef(false);
  useEffect(() => {
    if (state.status === 'loading') return;
    busy.current = false;
    if (!refocus.current) return;
    refocus.current = false;
    const active = document.activeElement;
    if (active === null || active === document.body) bookingHeading.current?.focus();
  }, [state]);

  async function act(work: () => Promise<string>) {
    if (busy.current) return;
    busy.current = true;
    refocus.current = true;
    setError(null);
    setStatus(null);
    try {
      setStatus(await work());
    } catch (caught) {
      setError(messageOf(caught));
    }
    reload();
  }

  if (state.status === 'loading')
    return <Page title="My exam">{<p role="status">Loading…</p>}</Page>;
  if (state.status === 'failed') {
    return (
      <Page title="My exam">
        <FormError message={state.message} />
      </Page>
    );
  }
  const { authorisations, bookings, offers } = state.data;
  const valid = authorisations.filter((a) => a.valid);
  // The authorisation that still runs when the sitting starts (the server refuses any other).
  const coveringFor = (offer: SeatOffer) =>
    valid.find((a) => !offer.startsAt || Date.parse(a.expiresAt) >= Date.parse(offer.startsAt)) ??
    valid[0];
  const live = bookings.find((b) => b.status === 'booked' || b.status === 'waiting');

  return (
    <Page title="My exam">
      <FormError message={error} />
      <StatusMessage message={status} />
      <section aria-labelledby="authorisation-heading">
        <h2 id="authorisation-heading">Your authorisation to test</h2>
        {authorisations.length === 0 ? (
          <p>
            You have no authorisation to test yet. It appears here once your application is
            approved.
          </p>
        ) : (
          <ul>
            {authorisations.map((a) => (
              <AuthorisationLine key={a.id} authorisation={a} zone={zone} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="booking-heading">
        <h2 id="booking-heading" tabIndex={-1} ref={bookingHeading}>
          Your booking
        </h2>
        {bookings.length === 0 && <p>You have not booked a seat.</p>}
        {bookings.map((b) => (
          <BookingLine
            key={b.id}
            booking={b}
            zone={zone}
            offers={offers.filter((o) => o.sittingId !== b.sittingId && !o.expiresBeforeSitting)}
            onCancel={() =>
              void act(async () => {
                await cancelBooking(b.id);
                return 'Your booking is cancelled.';
              })
            }
            onMove={(to) =>
              void act(async () => {
                const moved = await rescheduleBooking(b.id, to);
                return moved.status === 'booked'
                  ? 'Your seat is moved.'
                  : `Moved: you are number ${moved.waitPosition} on the waitlist.`;
              })
            }
          />
        ))}
      </section>
      <section aria-labelledby="offers-heading">
        <h2 id="offers-heading">Sittings open for booking</h2>
        {offers.length === 0 && <p>No sitting is open for booking now.</p>}
        {offers.length > 0 && (
          <table>
            <thead>
              <tr>
                <th scope="col">Sitting</th>
                <th scope="col">Starts</th>
                <th scope="col">Seats left</th>
                <th scope="col">Booking closes</th>
                <th scope="col">Free cancellation until</th>
                <th scope="col">
                  <span className="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {offers.map((o) => (
                <OfferRow
                  key={o.sittingId}
                  offer={o}
                  zone={zone}
                  canBook={valid.length > 0 && !live}
                  onBook={() =>
                    void act(async () => {
                      const booked = await bookSeat(o.sittingId, coveringFor(o)!.id);
                      return booked.status === 'booked'
                        ? `Your seat in ${o.name} is booked.`
                        : `${o.name} is full: you are number ${booked.waitPosition} on the waitlist.`;
                    })
                  }
                />
              ))}
            </tbody>
          </table>
        )}
      </section>
    </Page>
  );
}

function AuthorisationLine({
  authorisation: a,
  zone,
}: {
  authorisation: Authorisation;
  zone: string;
}) {
  const parts =
    a.parts.length === 2 ? 'Parts One and Two' : a.parts[0] === 1 ? 'Part One' : 'Part Two';
  return (
    <li>
      {a.examEndorsement}, {parts}: {a.valid ? 'valid until ' : 'not valid now; it ran until '}
      <strong>{formatDate(a.expiresAt, zone)}</strong>
    </li>
  );
}

function BookingLine(props: {
  booking: MyBooking;
  zone: string;
  offers: SeatOffer[];
  onCancel(): void;
  onMove(sittingId: string): void;
}) {
  const { booking: b, zone } = props;
  const [to, setTo] = useState('');
  const headingId = `booking-${b.id}`;
  return (
    <div className="booking" aria-labelledby={headingId} role="group">
      <h3 id={headingId}>{b.sittingName}</h3>
      <p>
        {statusText[b.status]}
        {b.waitPosition !== null && `: number ${b.waitPosition} on the waitlist`}.
        {b.startsAt && ` The sitting starts ${formatDate(b.startsAt, zone)}.`}
      </p>
      {b.canCancel && b.cancelCutoffAt && (
        <p>You may cancel or move it free of charge until {formatDate(b.cancelCutoffAt, zone)}.</p>
      )}
      {b.canCancel && (
        <>
          <button type="button" onClick={props.onCancel}>
            Cancel booking
          </button>
          {props.offers.length > 0 && (
            <form
              aria-label="Move to another sitting"
              onSubmit={(event) => {
                event.preventDefault();
                if (to) props.onMove(to);
              }}
            >
              <SelectField
                label="Move to another sitting"
                value={to}
                onChange={setTo}
                options={[
                  { value: '', label: 'Choose a sitting' },
                  ...props.offers.map((o) => ({ value: o.sittingId, label: o.name })),
                ]}
              />
              <button type="submit" disabled={!to}>
                Move my booking
              </button>
            </form>
          )}
        </>
      )}
    </div>
  );
}

function OfferRow(props: { offer: SeatOffer; zone: string; canBook: boolean; onBook(): void }) {
  const { offer: o, zone } = props;
  const full = o.seatsLeft === 0;
  return (
    <tr>
      <th scope="row">{o.name}</th>
      <td>{formatDate(o.startsAt, zone)}</td>
      <td>{o.seatsLeft === null ? 'Unlimited' : o.seatsLeft}</td>
      <td>{formatDate(o.bookingClosesAt, zone)}</td>
      <td>{formatDate(o.cancelCutoffAt, zone)}</td>
      <td>
        {props.canBook && o.expiresBeforeSitting && (
          <p>
            Not bookable: your authorisation expires {formatDate(o.expiresBeforeSitting, zone)},
            before this sitting starts.
          </p>
        )}
        {props.canBook && !o.expiresBeforeSitting && (
          <button
            type="button"
            onClick={props.onBook}
            aria-label={`${full ? 'Join the waitlist for' : 'Book a seat in'} ${o.name}`}
          >
            {full ? 'Join the waitlist' : 'Book a seat'}
          </button>
        )}
      </td>
    </tr>
  );
}
