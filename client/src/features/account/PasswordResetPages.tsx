import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { PasswordVerdict } from '@exam/shared/domain';
import { messageOf } from '../../lib/api';
import { FormError, StatusMessage } from '../../ui/FormError';
import { Page } from '../../ui/Page';
import { TextField } from '../../ui/TextField';
import { forgotPassword, resetPassword } from './account.api';
import { NewPasswordField } from './NewPasswordField';

/** Asks for a reset link; says the same whether or not the address has an account. */
export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    try {
      await forgotPassword(email.trim());
      setStatus(
        'If that address has an account, a link to choose a new password is on its way. It works for 30 minutes.',
      );
    } catch (failure) {
      setError(messageOf(failure));
    }
  }

  return (
    <Page title="Forgot your password?">
      <form className="form narrow" onSubmit={(event) => void submit(event)} noValidate>
        <TextField
          label="Email address"
          type="email"
          name="email"
          autoComplete="username"
          value={email}
          onChange={setEmail}
        />
        <FormError id="forgot-error" message={error} />
        <StatusMessage message={status} />
        <button type="submit">Send the link</button>
        <p>
          <Link to="/login">Back to sign in</Link>
        </p>
      </form>
    </Page>
  );
}

/** The mailed link: choose a new password; every session of the account ends. */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [verdict, setVerdict] = useState<PasswordVerdict | null>(null);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (verdict && !verdict.ok) return;
    setError(null);
    try {
      await resetPassword(token, password);
      setDone(true);
    } catch (failure) {
      setError(messageOf(failure));
    }
  }

  if (done) {
    return (
      <Page title="Password changed">
        <p role="status">
          Your password is changed and every session was signed out.{' '}
          <Link to="/login">Sign in</Link>
        </p>
      </Page>
    );
  }
  return (
    <Page title="Choose a new password">
      <form className="form narrow" onSubmit={(event) => void submit(event)} noValidate>
        <NewPasswordField
          value={password}
          onChange={setPassword}
          account={{}}
          onVerdict={setVerdict}
        />
        <FormError id="reset-error" message={error} />
        <button type="submit">Set the new password</button>
      </form>
    </Page>
  );
}
