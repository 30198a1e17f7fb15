import { useState } from 'react';
import type { FormEvent } from 'react';
import type { PasswordVerdict } from '@exam/shared/domain';
import { messageOf } from '../../lib/api';
import { FormError, StatusMessage } from '../../ui/FormError';
import { TextField } from '../../ui/TextField';
import { changePassword } from './account.api';
import { NewPasswordField } from './NewPasswordField';

/** Change the password (the current one required); every other session ends with it. */
export function PasswordChangeForm({
  account,
  onChanged,
}: {
  account: { email: string; displayName: string };
  onChanged(): void;
}) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [verdict, setVerdict] = useState<PasswordVerdict | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (!current || !next || (verdict && !verdict.ok)) {
      setError('Enter your current password and a new one the rule accepts.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await changePassword({ currentPassword: current, newPassword: next });
      setCurrent('');
      setNext('');
      setStatus('Password changed. Your other sessions have been signed out.');
      onChanged();
    } catch (failure) {
      setError(messageOf(failure));
    }
    setBusy(false);
  }

  return (
    <form className="form narrow" onSubmit={(event) => void submit(event)} noValidate>
      <TextField
        label="Current password"
        type="password"
        name="current-password"
        autoComplete="current-password"
        value={current}
        onChange={setCurrent}
      />
      <NewPasswordField value={next} onChange={setNext} account={account} onVerdict={setVerdict} />
      <FormError id="password-change-error" message={error} />
      <StatusMessage message={status} />
      <button type="submit" aria-disabled={busy}>
        {busy ? 'Changing…' : 'Change password'}
      </button>
    </form>
  );
}
