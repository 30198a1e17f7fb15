import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import type { Authorisation } from '@exam/shared/api';
import { messageOf } from '../../lib/api';
import { formatDate, useViewerZone } from '../../lib/dates';
import { useLoad } from '../../lib/use-load';
import { FormError, StatusMessage } from '../../ui/FormError';
import { Page } from '../../ui/Page';
import { TextField } from '../../ui/TextField';
import { LoadState } from '../../ui/fields';
import { AuthorisationEntry, AuthorisationImport } from './AuthorisationForms';
import { BookingSettingsForm } from './BookingSettingsForm';
import { extendAuthorisation, listAuthorisations, listSeatOffers } from './bookings.api';
import { ZonedInstantField } from './ZonedInstantField';

/**
 * The coordinator's eligibility and seats console: authorisations with their expiry (entered,
 * imported, extended with a reason), the association's booking settings, and each sitting's
 * seats.
 */
export function AuthorisationsPage() {
  const zone = useViewerZone();
  const { state, reload } = useLoad((signal) => listAuthorisations(signal), []);
  const offers = useLoad((signal) => listSeatOffers(signal), []);
  const [extending, setExtending] = useState<Authorisation | null>(null);
  return (
    <Page title="Authorisations and seats">
      <section aria-labelledby="authorisations-heading">
        <h2 id="authorisations-heading">Authorisations to test</h2>
        <LoadState state={state} what="authorisations" />
        {state.status === 'loaded' && state.data.length === 0 && <p>No authorisations yet.</p>}
        {state.status === 'loaded' && state.data.length > 0 && (
          <table>
            <thead>
              <tr>
                <th scope="col">Candidate</th>
                <th scope="col">Exam</th>
                <th scope="col">Parts</th>
                <th scope="col">Source</th>
                <th scope="col">Expires</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {state.data.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    {a.candidateName} ({a.candidateEmail})
                  </th>
                  <td>{a.examEndorsement}</td>
                  <td>{a.parts.join(' and ')}</td>
                  <td>{a.source}</td>
                  <td>
                    {formatDate(a.expiresAt, zone)}
                    {!a.valid && ' (not valid now)'}
                  </td>
                  <td>
                    <button
                      type="button"
                      onClick={() => setExtending(a)}
                      aria-label={`Extend ${a.candidateName}'s authorisation`}
                    >
                      Extend
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {extending && (
          <ExtendForm
            key={extending.id}
            authorisation={extending}
            zone={zone}
            onDone={() => {
              setExtending(null);
              reload();
            }}
          />
        )}
      </section>
      <AuthorisationEntry onSaved={reload} />
      <AuthorisationImport onImported={reload} />
      <section aria-labelledby="seats-heading">
        <h2 id="seats-heading">Seats per sitting</h2>
        <LoadState state={offers.state} what="sittings" />
        {offers.state.status === 'loaded' && (
          <ul>
            {offers.state.data.map((o) => (
              <li key={o.sittingId}>
                <Link to={`/coordinator/sittings/${o.sittingId}/seats`}>{o.name}</Link>:{' '}
                {o.seatsTaken} taken of {o.capacity ?? 'unlimited'}
                {o.open ? ', booking open' : ', booking not open'}
              </li>
            ))}
          </ul>
        )}
      </section>
      <BookingSettingsForm />
    </Page>
  );
}

function ExtendForm(props: { authorisation: Authorisation; zone: string; onDone(): void }) {
  const [expiresAt, setExpiresAt] = useState<string | null>(props.authorisation.expiresAt);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (!expiresAt) return setError('Choose the new expiry.');
    try {
      await extendAuthorisation(props.authorisation.id, expiresAt, reason);
      setStatus('The authorisation is extended.');
      props.onDone();
    } catch (caught) {
      setError(messageOf(caught));
    }
  }
  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby="extend-heading">
      <h3 id="extend-heading">Extend {props.authorisation.candidateName}&apos;s authorisation</h3>
      <FormError message={error} />
      <StatusMessage message={status} />
      <ZonedInstantField
        label="New expiry"
        zone={props.zone}
        value={expiresAt}
        onChange={setExpiresAt}
      />
      <TextField
        label="Reason"
        hint="Kept in the audit log."
        value={reason}
        onChange={setReason}
        required
      />
      <button type="submit">Extend</button>
    </form>
  );
}
