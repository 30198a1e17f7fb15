import { useState } from 'react';
import type { FormEvent } from 'react';
import type { TwoFactorEnrolment, TwoFactorStatus } from '@exam/shared/api';
import { messageOf } from '../../lib/api';
import { FormError } from '../../ui/FormError';
import { TextField } from '../../ui/TextField';
import { confirmEnrolment, startEnrolment } from './account.api';

/** Turning on two-factor: scan the QR code, type a first code, keep the ten recovery codes. */
export function TwoFactorSection({
  status,
  onEnabled,
}: {
  status: TwoFactorStatus;
  onEnabled(): void;
}) {
  const [enrolment, setEnrolment] = useState<TwoFactorEnrolment | null>(null);
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function start() {
    setError(null);
    try {
      setEnrolment(await startEnrolment());
    } catch (failure) {
      setError(messageOf(failure));
    }
  }

  async function confirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    try {
      setCodes(await confirmEnrolment(code));
      setEnrolment(null);
    } catch (failure) {
      setError(messageOf(failure));
    }
  }

  if (codes) {
    return (
      <div>
        <p role="status">Two-factor sign-in is on.</p>
        <p>
          Save these recovery codes somewhere safe. Each signs you in once if you lose your device;
          they are shown only now.
        </p>
        <ul className="recovery-codes" aria-label="Recovery codes">
          {codes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
        <button type="button" onClick={onEnabled}>
          I have saved them
        </button>
      </div>
    );
  }
  if (status.enabled) {
    return <p>Two-factor sign-in is on. Recovery codes left: {status.recoveryCodesLeft}.</p>;
  }
  // Offering what the server refuses ended in "Your role does not allow this." for candidates.
  if (!status.offered) {
    return <p>Two-factor sign-in is for staff accounts; you sign in with your password.</p>;
  }
  return (
    <div>
      {status.required ? (
        <p role="alert">
          Your role requires two-factor sign-in. Turn it on to continue to the rest of the site.
        </p>
      ) : (
        <p>Two-factor sign-in is off. A code from an app on your phone protects your account.</p>
      )}
      {enrolment ? (
        <form className="form narrow" onSubmit={(event) => void confirm(event)} noValidate>
          <img
            src={`data:image/svg+xml;utf8,${encodeURIComponent(enrolment.qrSvg)}`}
            alt="QR code to scan with your authenticator app"
            width={200}
            height={200}
          />
          <p>
            Or type this key into the app: <code data-testid="totp-secret">{enrolment.secret}</code>
          </p>
          <TextField
            label="Code from the app"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            value={code}
            onChange={setCode}
          />
          <FormError id="enrol-error" message={error} />
          <button type="submit">Turn on two-factor sign-in</button>
        </form>
      ) : (
        <>
          <FormError id="enrol-error" message={error} />
          <button type="button" onClick={() => void start()}>
            Set up two-factor sign-in
          </button>
        </>
      )}
    </div>
  );
}
