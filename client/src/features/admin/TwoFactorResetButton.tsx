import { useRef, useState } from 'react';
import type { UserSummary } from '@exam/shared/api';
import { messageOf } from '../../lib/api';
import { resetTwoFactor } from './users.api';

/**
 * An administrator clears a user's second factor (a lost device, no recovery code left). Asked
 * twice, because it weakens the account until the user enrols again; the server audits it and
 * mails the user.
 */
export function TwoFactorResetButton({
  user,
  onDone,
  onError,
}: {
  user: UserSummary;
  onDone(message: string): void;
  onError(message: string): void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLButtonElement>(null);

  async function reset() {
    setBusy(true);
    try {
      await resetTwoFactor(user.id);
      onDone(
        `Reset the two-factor sign-in of ${user.displayName}; they were mailed and will enrol again at their next sign-in.`,
      );
    } catch (error) {
      onError(messageOf(error));
    } finally {
      setBusy(false);
      setConfirming(false);
      first.current?.focus();
    }
  }

  if (!confirming) {
    return (
      <button type="button" className="secondary" ref={first} onClick={() => setConfirming(true)}>
        Reset two-factor<span className="visually-hidden"> for {user.displayName}</span>
      </button>
    );
  }
  return (
    <span role="group" aria-label={`Reset two-factor for ${user.displayName}?`}>
      <button
        type="button"
        className="danger"
        // The choice that needs a decision takes the focus, so a keyboard user lands on it.
        autoFocus
        aria-disabled={busy}
        onClick={() => !busy && void reset()}
      >
        Confirm reset<span className="visually-hidden"> for {user.displayName}</span>
      </button>{' '}
      <button type="button" className="secondary" onClick={() => setConfirming(false)}>
        Cancel
      </button>
    </span>
  );
}
