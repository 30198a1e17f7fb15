import { useState, type FormEvent } from 'react';
import { RESUME_CODE_TTL_MINUTES } from '@exam/shared/api';
import { messageOf } from '../../../lib/api';
import { FormError } from '../../../ui/FormError';
import { TextField } from '../../../ui/TextField';
import { redeemResumeCode } from './lobby.api';

/**
 * Shown when the exam is open on another device: the candidate enters the one-time code the
 * proctor gives them after checking their identity, and this device takes the exam over.
 */
export function ResumeCodeForm({ onRedeemed }: { onRedeemed(): void }) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (code.trim() === '') {
      setError('Enter the code the proctor gave you.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await redeemResumeCode(code);
      onRedeemed();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="resume-code-heading" className="resume-code">
      <h2 id="resume-code-heading">Continue on this device</h2>
      <p>
        Tell the proctor you need to continue on this device. After checking who you are, they give
        you a one-time code; it works once, within {RESUME_CODE_TTL_MINUTES} minutes. Your saved
        answers are kept.
      </p>
      <form className="form narrow" onSubmit={(event) => void submit(event)} noValidate>
        <TextField
          label="Resume code"
          hint="Eight letters and digits, for example ABCD-2345."
          value={code}
          onChange={setCode}
          autoComplete="one-time-code"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={20}
        />
        <FormError message={error} />
        <div className="actions">
          <button type="submit" aria-disabled={busy}>
            Continue here
          </button>
        </div>
      </form>
    </section>
  );
}
