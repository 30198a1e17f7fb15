import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { messageOf } from '../../lib/api';
import { useSession } from './session-context';

/** Ends the session and returns to the login page; says so if the server could not be reached. */
export function LogoutButton() {
  const { signOut } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);

  async function onClick() {
    setError(null);
    try {
      await signOut();
      void navigate('/login', { replace: true });
    } catch (failure) {
      setError(`Sign-out failed: ${messageOf(failure)}`);
    }
  }

  return (
    <>
      <button type="button" className="secondary" onClick={() => void onClick()}>
        Sign out
      </button>
      <span role="alert" className="inline-error">
        {error}
      </span>
    </>
  );
}
