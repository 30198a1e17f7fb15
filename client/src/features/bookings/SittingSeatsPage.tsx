import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { SeatSettings, SittingBooking, SittingSeatsResponse } from '@exam/shared/api';
import { messageOf } from '../../lib/api';
import { formatDate, useViewerZone } from '../../lib/dates';
import { useLoad } from '../../lib/use-load';
import { FormError, StatusMessage } from '../../ui/FormError';
import { Page } from '../../ui/Page';
import { TextField } from '../../ui/TextField';
import { LoadState } from '../../ui/fields';
import {
  getSittingSeats,
  placeCandidate,
  recordNoShow,
  saveSeats,
  withdrawBooking,
} from './bookings.api';
import { ZonedInstantField } from './ZonedInstantField';

const statusText: Record<SittingBooking['status'], string> = {
  booked: 'Booked',
  waiting: 'Waiting',
  cancelled: 'Cancelled',
  'no-show': 'No-show',
};

/** A sitting's seats: capacity and booking window, bookings and the waitlist, placement. */
export function SittingSeatsPage() {
  const { id = '' } = useParams();
  const { state, reload } = useLoad((signal) => getSittingSeats(id, signal), [id]);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  async function act(work: () => Promise<string>) {
    setError(null);
    setStatus(null);
    try {
      setStatus(await work());
      reload();
    } catch (caught) {
      setError(messageOf(caught));
    }
  }

  return (
    <Page title={state.status === 'loaded' ? `Seats: ${state.data.offer.name}` : 'Seats'}>
      <p>
        <Link to={`/coordinator/sittings/${id}`}>Back to the sitting</Link>
      </p>
      <LoadState state={state} what="the seats" />
      <FormError message={error} />
      <StatusMessage message={status} />
      {state.status === 'loaded' && (
        <>
          <SeatsForm
            key={JSON.stringify(state.data.offer)}
            data={state.data}
            onSave={(s) =>
              void act(async () => {
                await saveSeats(id, s);
                return 'Seats and booking window saved.';
              })
            }
          />
          <BookingsTable
            bookings={state.data.bookings}
            onWithdraw={(b, reason) =>
              void act(async () => {
                await withdrawBooking(b.id, reason);
                return `${b.candidateName}'s booking is withdrawn.`;
              })
            }
            onNoShow={(b) =>
              void act(async () => {
                await recordNoShow(b.id);
                return `${b.candidateName} is recorded as a no-show.`;
              })
            }
          />
          <PlaceForm
            onPlace={(email, reason) =>
              act(async () => {
                await placeCandidate(id, email, reason);
                return `${email} is placed.`;
              })
            }
          />
        </>
      )}
    </Page>
  );
}

function SeatsForm({
  data,
  onSave,
}: {
  data: SittingSeatsResponse;
  onSave(s: SeatSettings): void;
}) {
  const zone = useViewerZone();
  const { offer } = data;
  const [capacity, setCapacity] = useState(offer.capacity === null ? '' : String(offer.capacity));
  const [opens, setOpens] = useState(offer.bookingOpensAt);
  const [closes, setCloses] = useState(offer.bookingClosesAt);
  const [cutoff, setCutoff] = useState(offer.cancelCutoffAt);
  function submit(event: FormEvent) {
    event.preventDefault();
    onSave({
      capacity: capacity.trim() === '' ? null : Number(capacity),
      bookingOpensAt: opens,
      bookingClosesAt: closes,
      cancelCutoffAt: cutoff,
    });
  }
  return (
    <form onSubmit={submit} aria-labelledby="seats-heading">
      <h2 id="seats-heading">Capacity and booking window</h2>
      <p>
        {offer.seatsTaken} seat{offer.seatsTaken === 1 ? '' : 's'} taken
        {offer.startsAt && `; the sitting starts ${formatDate(offer.startsAt, zone)}`}.
      </p>
      <TextField
        label="Capacity"
        hint="Seats in the room; leave empty for unlimited (a remote sitting)."
        inputMode="numeric"
        value={capacity}
        onChange={setCapacity}
      />
      <ZonedInstantField label="Booking opens" zone={zone} value={opens} onChange={setOpens} />
      <ZonedInstantField label="Booking closes" zone={zone} value={closes} onChange={setCloses} />
      <ZonedInstantField
        label="Free cancellation until"
        zone={zone}
        value={cutoff}
        onChange={setCutoff}
      />
      <button type="submit">Save seats</button>
    </form>
  );
}

function BookingsTable(props: {
  bookings: SittingBooking[];
  onWithdraw(b: SittingBooking, reason: string): void;
  onNoShow(b: SittingBooking): void;
}) {
  const [reason, setReason] = useState('');
  const live = props.bookings.filter((b) => b.status !== 'cancelled');
  return (
    <section aria-labelledby="bookings-heading">
      <h2 id="bookings-heading">Bookings and waitlist</h2>
      {live.length === 0 ? (
        <p>No bookings yet.</p>
      ) : (
        <>
          <TextField
            label="Reason for a withdrawal"
            hint="Withdrawing a seat is audited with this reason; the first waiting takes the seat."
            value={reason}
            onChange={setReason}
          />
          <table>
            <thead>
              <tr>
                <th scope="col">Candidate</th>
                <th scope="col">Status</th>
                <th scope="col">Waitlist</th>
                <th scope="col">Note</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {live.map((b) => (
                <tr key={b.id}>
                  <th scope="row">{b.candidateName}</th>
                  <td>{statusText[b.status]}</td>
                  <td>{b.waitPosition ?? ''}</td>
                  <td>
                    {b.overCapacityReason && `Over capacity: ${b.overCapacityReason}`}
                    {b.noShowCountsAsAttempt !== null &&
                      (b.noShowCountsAsAttempt
                        ? 'Counts as an attempt'
                        : 'Does not count as an attempt')}
                  </td>
                  <td>
                    {(b.status === 'booked' || b.status === 'waiting') && (
                      <button
                        type="button"
                        disabled={!reason.trim()}
                        onClick={() => props.onWithdraw(b, reason)}
                        aria-label={`Withdraw ${b.candidateName}`}
                      >
                        Withdraw
                      </button>
                    )}
                    {b.status === 'booked' && (
                      <button
                        type="button"
                        onClick={() => props.onNoShow(b)}
                        aria-label={`Record ${b.candidateName} as a no-show`}
                      >
                        No-show
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function PlaceForm({ onPlace }: { onPlace(email: string, reason: string | null): Promise<void> }) {
  const [email, setEmail] = useState('');
  const [reason, setReason] = useState('');
  return (
    <form
      aria-labelledby="place-heading"
      onSubmit={(event) => {
        event.preventDefault();
        void onPlace(email, reason.trim() || null);
      }}
    >
      <h2 id="place-heading">Place a candidate</h2>
      <TextField label="Candidate's email" type="email" value={email} onChange={setEmail} />
      <TextField
        label="Reason to place over capacity"
        hint="Only needed when the sitting is full; it is audited."
        value={reason}
        onChange={setReason}
      />
      <button type="submit">Place</button>
    </form>
  );
}
