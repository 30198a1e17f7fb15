import { useState } from 'react';
import type { FormEvent } from 'react';
import { Navigate, useSearchParams } from 'react-router-dom';
import type { PasswordVerdict } from '@exam/shared/domain';
import { messageOf } from '../../lib/api';
import { useLoad } from '../../lib/use-load';
import { FormError } from '../../ui/FormError';
import { Page } from '../../ui/Page';
import { useSession } from '../auth';
import { acceptInvitation, fetchInvitation } from './account.api';
import { NewPasswordField } from './NewPasswordField';

const zones = Intl.supportedValuesOf('timeZone');

/** The invitation link: choose a password and a time zone, then straight in. */
export function InvitationPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { state, signedIn } = useSession();
  const invitation = useLoad(() => fetchInvitation(token), [token]);
  const [password, setPassword] = useState('');
  const [zone, setZone] = useState<string | null>(null);
  const [verdict, setVerdict] = useState<PasswordVerdict | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [accepted, setAccepted] = useState(false);

  // Accepted (the link is now used up) or nothing to accept: home, signed in.
  if (state.status === 'signed-in' && (!token || accepted)) return <Navigate to="/" replace />;
  if (invitation.state.status === 'failed') {
    return (
      <Page title="Invitation">
        <p role="alert">{invitation.state.message}</p>
      </Page>
    );
  }
  if (invitation.state.status === 'loading') {
    return (
      <Page title="Invitation">
        <p>Loading…</p>
      </Page>
    );
  }
  const info = invitation.state.data;
  const timeZone = zone ?? info.timeZone;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (verdict && !verdict.ok) return;
    setError(null);
    try {
      const session = await acceptInvitation({ token, password, timeZone });
      setAccepted(true);
      signedIn(session);
    } catch (failure) {
      setError(messageOf(failure));
    }
  }

  return (
    <Page title={`Welcome, ${info.displayName}`}>
      <p>
        {info.associationName ? `${info.associationName} invited you. ` : ''}Choose a password for{' '}
        {info.email} to finish setting up your account.
      </p>
      <form className="form narrow" onSubmit={(event) => void submit(event)} noValidate>
        <NewPasswordField
          value={password}
          onChange={setPassword}
          account={{ email: info.email, displayName: info.displayName }}
          onVerdict={setVerdict}
        />
        <div className="field">
          <label htmlFor="time-zone">Your time zone</label>
          <select id="time-zone" value={timeZone} onChange={(event) => setZone(event.target.value)}>
            {zones.map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>
        </div>
        <FormError id="invitation-error" message={error} />
        <button type="submit">Set password and sign in</button>
      </form>
    </Page>
  );
}
