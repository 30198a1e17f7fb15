import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { messageOf } from '../../lib/api';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { useSession } from '../auth';

/**
 * Signing out in the middle of a part, behind a question: the site header (and its one-click
 * Sign out) is hidden during the exam, and a candidate who signs out must know that the server's
 * clock does not stop for it.
 */
export function ExamSignOut({ pendingCount }: { pendingCount: number }) {
  const { state, signOut } = useSession();
  const navigate = useNavigate();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = state.status === 'signed-in' ? state.session.user.displayName : null;

  async function confirm() {
    setAsking(false);
    setError(null);
    try {
      await signOut();
      void navigate('/login', { replace: true });
    } catch (failure) {
      setError(`Sign-out failed: ${messageOf(failure)}`);
    }
  }

  return (
    <div className="exam-account">
      {name && (
        <span>
          Signed in as <strong className="user-name">{name}</strong>
        </span>
      )}
      <button type="button" className="secondary" onClick={() => setAsking(true)}>
        Sign out…
      </button>
      <span role="alert" className="inline-error">
        {error}
      </span>
      {asking && (
        <ConfirmDialog
          title="Sign out during the exam?"
          confirmLabel="Yes, sign out"
          onConfirm={() => void confirm()}
          onCancel={() => setAsking(false)}
        >
          The clock keeps running while you are signed out: signing out does not pause your exam.
          {pendingCount > 0
            ? ` ${pendingCount === 1 ? '1 change has' : `${pendingCount} changes have`} not reached the server yet.`
            : ' Every answer so far is saved.'}
        </ConfirmDialog>
      )}
    </div>
  );
}
