import { useState } from 'react';
import type { FormEvent } from 'react';
import type { SessionResponse } from '@exam/shared/api';
import { messageOf } from '../../lib/api';
import { FormError } from '../../ui/FormError';
import { TextField } from '../../ui/TextField';
import { loginTwoFactor } from './auth.api';

/** The second step of a sign-in: the code the app shows, or one recovery code for a lost device. */
export function TwoFactorStep({
  pendingToken,
  onSignedIn,
}: {
  pendingToken: string;
  onSignedIn(session: SessionResponse): void;
}) {
  const [useRecovery, setUseRecovery] = useState(false);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy || !value.trim()) return;
    setBusy(true);
    setError(null);
    try {
      onSignedIn(
        await loginTwoFactor(
          useRecovery ? { pendingToken, recoveryCode: value } : { pendingToken, code: value },
        ),
      );
    } catch (failure) {
      setError(messageOf(failure));
      setBusy(false);
    }
  }

  return (
    <form className="form narrow" onSubmit={(event) => void submit(event)} noValidate>
      {useRecovery ? (
        <TextField
          label="Recovery code"
          name="recovery-code"
          autoComplete="off"
          hint="One of the codes you saved when you turned on two-factor sign-in. Each works once."
          value={value}
          onChange={setValue}
        />
      ) : (
        <TextField
          label="Code from your authenticator app"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          value={value}
          onChange={setValue}
        />
      )}
      <FormError id="two-factor-error" message={error} />
      <button type="submit" aria-disabled={busy}>
        {busy ? 'Checking…' : 'Continue'}
      </button>
      <button
        type="button"
        className="link-button"
        onClick={() => {
          setUseRecovery(!useRecovery);
          setValue('');
          setError(null);
        }}
      >
        {useRecovery ? 'Use a code from the app instead' : 'Lost your device? Use a recovery code'}
      </button>
    </form>
  );
}
