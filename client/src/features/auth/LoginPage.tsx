import { lazy, Suspense, useState } from 'react';
import type { FormEvent } from 'react';
import { Link, Navigate, useLocation } from 'react-router-dom';
import { loginRequestSchema } from '@exam/shared/api';
import { messageOf } from '../../lib/api';
import { FormError } from '../../ui/FormError';
import { Page } from '../../ui/Page';
import { TextField } from '../../ui/TextField';
import { login } from './auth.api';
import { useSession } from './session-context';
import { PageLoading } from '../../shell/PageLoading';

/** Only staff reach the second step: a candidate's first page does not carry it. */
const TwoFactorStep = lazy(async () => ({
  default: (await import('./TwoFactorStep')).TwoFactorStep,
}));

/** Where to go after signing in: the page that sent the user here, if it was one of ours. */
function returnPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : '/';
}

export function LoginPage() {
  const { state, signedIn } = useSession();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [pendingToken, setPendingToken] = useState<string | null>(null);

  if (state.status === 'signed-in') return <Navigate to={returnPath(location.state)} replace />;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const parsed = loginRequestSchema.safeParse({ email, password });
    if (!parsed.success) {
      setError('Enter your email address and password.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const response = await login(parsed.data);
      if ('twoFactorRequired' in response) {
        setPendingToken(response.pendingToken);
        setBusy(false);
      } else signedIn(response);
    } catch (failure) {
      setError(messageOf(failure));
      setBusy(false);
    }
  }

  if (pendingToken) {
    return (
      <Page title="Two-factor sign-in">
        <Suspense fallback={<PageLoading />}>
          <TwoFactorStep pendingToken={pendingToken} onSignedIn={signedIn} />
        </Suspense>
      </Page>
    );
  }

  return (
    <Page title="Sign in">
      <form className="form narrow" onSubmit={(event) => void submit(event)} noValidate>
        <TextField
          label="Email address"
          type="email"
          name="email"
          autoComplete="username"
          required
          value={email}
          onChange={setEmail}
        />
        <TextField
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={setPassword}
        />
        <FormError id="login-error" message={error} />
        <button type="submit" aria-disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <p>
          <Link to="/forgot-password">Forgot your password?</Link>
        </p>
      </form>
    </Page>
  );
}
