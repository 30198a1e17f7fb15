import type { MyDatesResponse } from '@exam/shared/api';
import { formatDate, useViewerZone } from '../../lib/dates';
import { useLoad } from '../../lib/use-load';
import { FormError } from '../../ui/FormError';
import { Page } from '../../ui/Page';
import { getMyDates } from './bookings.api';

const rows: readonly { key: Exclude<keyof MyDatesResponse, 'sittingName'>; label: string }[] = [
  { key: 'authorisationExpiresAt', label: 'Your authorisation to test expires' },
  { key: 'bookingOpensAt', label: 'Booking opens' },
  { key: 'bookingClosesAt', label: 'Booking closes' },
  { key: 'cancelCutoffAt', label: 'Free cancellation until' },
  { key: 'accommodationRequestDeadline', label: 'Accommodation requests close' },
  { key: 'checkInOpensAt', label: 'Check-in opens' },
  { key: 'startsAt', label: 'The sitting starts' },
  { key: 'earliestRetakeDate', label: 'Earliest retake' },
];

/**
 * Every date that matters to the candidate, in their own zone with the zone named (the same
 * dates the reminders are sent by). A date that does not apply yet says so.
 */
export function MyDatesPage() {
  const zone = useViewerZone();
  const { state } = useLoad((signal) => getMyDates(signal), []);
  return (
    <Page title="Your dates">
      {state.status === 'loading' && <p role="status">Loading your dates…</p>}
      {state.status === 'failed' && <FormError message={state.message} />}
      {state.status === 'loaded' && (
        <>
          <p>
            Times are shown in your time zone, <strong>{zone}</strong>
            {state.data.sittingName && <>, for {state.data.sittingName}</>}.
          </p>
          <dl className="dates">
            {rows.map((row) => (
              <div key={row.key}>
                <dt>{row.label}</dt>
                <dd>{formatDate(state.data[row.key], zone) || 'Not applicable'}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </Page>
  );
}
