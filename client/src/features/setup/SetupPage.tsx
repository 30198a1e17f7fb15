import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { adminAccountSchema, type UserSummary } from '@exam/shared/api';
import { ADMIN_PASSWORD_MIN_LENGTH } from '@exam/shared/domain';
import { messageOf } from '../../lib/api';
import { FormError } from '../../ui/FormError';
import { Page } from '../../ui/Page';
import { TextField } from '../../ui/TextField';
import { checkSetupLink, createFirstAdministrator } from './setup.api';

/** The token of the link the server printed: it rides in the fragment, which is never sent. */
function tokenFromLocation(): string | null {
  return new URLSearchParams(window.location.hash.slice(1)).get('token');
}

const fieldNames: Record<string, string> = {
  email: 'Email address',
  displayName: 'Full name',
  password: 'Password',
};

type LinkState =
  | { status: 'checking' }
  | { status: 'unusable'; message: string }
  | { status: 'open'; token: string }
  | { status: 'done'; admin: UserSummary };

/**
 * Creates the first administrator of a new deployment from the one-time link the server prints
 * at its first start. The link's token is checked before anything is typed, and forgotten (taken
 * out of the address bar) once it has been used.
 */
const NO_TOKEN =
  'This page needs the setup link the server printed when it first started, with its token.';

export function SetupPage() {
  const [token] = useState(tokenFromLocation);
  const [link, setLink] = useState<LinkState>(() =>
    token ? { status: 'checking' } : { status: 'unusable', message: NO_TOKEN },
  );

  useEffect(() => {
    if (!token) return;
    let live = true;
    checkSetupLink(token).then(
      () => live && setLink({ status: 'open', token }),
      (failure: unknown) => live && setLink({ status: 'unusable', message: messageOf(failure) }),
    );
    return () => {
      live = false;
    };
  }, [token]);

  return (
    <Page title="Set up the first administrator">
      {link.status === 'checking' && <p role="status">Checking the setup link…</p>}
      {link.status === 'unusable' && <Unusable message={link.message} />}
      {link.status === 'open' && (
        <FirstAdminForm
          token={link.token}
          onCreated={(admin) => {
            window.history.replaceState(null, '', '/setup');
            setLink({ status: 'done', admin });
          }}
        />
      )}
      {link.status === 'done' && <Done admin={link.admin} />}
    </Page>
  );
}

function Unusable({ message }: { message: string }) {
  return (
    <>
      <p className="form-error" role="alert">
        {message}
      </p>
      <p>
        <Link to="/login">Go to sign in</Link>
      </p>
    </>
  );
}

function Done({ admin }: { admin: UserSummary }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section aria-labelledby="setup-done">
      <h2 id="setup-done" tabIndex={-1} ref={heading}>
        Administrator created
      </h2>
      <p>
        {admin.displayName} ({admin.email}) is the administrator. This setup link no longer works.
      </p>
      <p>
        <Link to="/login">Sign in</Link>
      </p>
    </section>
  );
}

function FirstAdminForm(props: { token: string; onCreated(admin: UserSummary): void }) {
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const parsed = adminAccountSchema.safeParse({ email, displayName, password });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = String(issue?.path[0] ?? '');
      setError(
        field === 'email'
          ? 'Email address: enter a valid email address.'
          : `${fieldNames[field] ?? 'Form'}: ${issue?.message ?? 'check this field.'}`,
      );
      return;
    }
    if (again !== password) {
      setError('Password again: the two passwords differ.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      props.onCreated(await createFirstAdministrator({ token: props.token, ...parsed.data }));
    } catch (failure) {
      setError(messageOf(failure));
      setBusy(false);
    }
  }

  return (
    <form className="form narrow" onSubmit={(event) => void submit(event)} noValidate>
      <p>
        No administrator exists yet. The account you create here administers this deployment:
        people, roles and the item bank.
      </p>
      <TextField
        label="Email address"
        type="email"
        autoComplete="username"
        required
        value={email}
        onChange={setEmail}
      />
      <TextField
        label="Full name"
        autoComplete="name"
        required
        value={displayName}
        onChange={setDisplayName}
      />
      <TextField
        label="Password"
        type="password"
        autoComplete="new-password"
        required
        hint={`At least ${ADMIN_PASSWORD_MIN_LENGTH} characters, not built on a common word, your name or your email.`}
        value={password}
        onChange={setPassword}
      />
      <TextField
        label="Password again"
        type="password"
        autoComplete="new-password"
        required
        value={again}
        onChange={setAgain}
      />
      <FormError id="setup-error" message={error} />
      <button type="submit" aria-disabled={busy}>
        {busy ? 'Creating…' : 'Create administrator'}
      </button>
    </form>
  );
}
