import type { AccountSession } from '@exam/shared/api';
import { messageOf } from '../../lib/api';
import { useLoad } from '../../lib/use-load';
import { Page } from '../../ui/Page';
import { useSession } from '../auth';
import { fetchSessions, fetchTwoFactor, revokeSession } from './account.api';
import { PasswordChangeForm } from './PasswordChangeForm';
import { SessionsList } from './SessionsList';
import { TimeZoneSection } from './TimeZoneSection';
import { TwoFactorSection } from './TwoFactorSection';

/**
 * The signed-in user's own settings: two-factor, password, time zone, and where they are signed
 * in.
 */
export function AccountPage() {
  const { state, reload: reloadSession, expired } = useSession();
  const twoFactor = useLoad(fetchTwoFactor, []);
  const sessions = useLoad(fetchSessions, []);
  if (state.status !== 'signed-in') return null;
  const { user, twoFactorEnrolmentRequired } = state.session;

  async function revoke(session: AccountSession) {
    try {
      await revokeSession(session.id);
      if (session.current) expired();
      else sessions.reload();
    } catch (failure) {
      window.alert(messageOf(failure));
    }
  }

  return (
    <Page title="Your account">
      <section aria-labelledby="two-factor-heading">
        <h2 id="two-factor-heading">Two-factor sign-in</h2>
        {twoFactor.state.status === 'loaded' ? (
          <TwoFactorSection
            status={twoFactor.state.data}
            onEnabled={() => {
              twoFactor.reload();
              reloadSession();
            }}
          />
        ) : twoFactor.state.status === 'failed' ? (
          <p role="alert">{twoFactor.state.message}</p>
        ) : (
          <p>Loading…</p>
        )}
      </section>
      {!twoFactorEnrolmentRequired && (
        <>
          <section aria-labelledby="password-heading">
            <h2 id="password-heading">Password</h2>
            <PasswordChangeForm account={user} onChanged={sessions.reload} />
          </section>
          <section aria-labelledby="time-zone-heading">
            <h2 id="time-zone-heading">Time zone</h2>
            {/* The session carries the zone every page formats with: fetch it again. */}
            <TimeZoneSection onSaved={reloadSession} />
          </section>
          <section aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">Sessions</h2>
            {sessions.state.status === 'loaded' ? (
              <SessionsList sessions={sessions.state.data} onRevoke={(s) => void revoke(s)} />
            ) : sessions.state.status === 'failed' ? (
              <p role="alert">{sessions.state.message}</p>
            ) : (
              <p>Loading…</p>
            )}
          </section>
        </>
      )}
    </Page>
  );
}
