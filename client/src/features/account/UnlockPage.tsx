import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { messageOf } from '../../lib/api';
import { Page } from '../../ui/Page';
import { unlockAccount } from './account.api';

/** The link in the account-locked mail: ends the lock now. */
export function UnlockPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [message, setMessage] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    unlockAccount(token).then(
      () => setMessage('Your account is unlocked. You can sign in again.'),
      (failure: unknown) => {
        setFailed(true);
        setMessage(messageOf(failure));
      },
    );
  }, [token]);
  return (
    <Page title="Unlock your account">
      {message === null ? (
        <p>Unlocking…</p>
      ) : (
        <p role={failed ? 'alert' : 'status'}>
          {message} <Link to="/login">Sign in</Link>
        </p>
      )}
    </Page>
  );
}
