import { useState, type FormEvent } from 'react';
import { ApiError, messageOf } from '../../lib/api';
import { useLoad } from '../../lib/use-load';
import { FormError, StatusMessage } from '../../ui/FormError';
import { TextField } from '../../ui/TextField';
import { useSession } from '../auth';
import { declareMyConflict, getMyConflicts } from './grading.api';

/**
 * A grader declares a conflict of interest (a supervisee, a colleague, a relative) by the
 * person's email. The answer never says whether that person is a candidate.
 */
export function ConflictDeclaration({ onDeclared }: { onDeclared(): void }) {
  const { expired } = useSession();
  const { state, reload } = useLoad((signal) => getMyConflicts(signal), []);
  const [email, setEmail] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setError(null);
    setStatus(null);
    setBusy(true);
    try {
      await declareMyConflict({
        candidateEmail: email.trim().toLowerCase(),
        reason: reason.trim(),
      });
      setStatus(`Recorded your conflict of interest with ${email.trim()}.`);
      setEmail('');
      setReason('');
      reload();
      onDeclared();
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 401) expired();
      setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="conflicts-heading">
      <h2 id="conflicts-heading">Conflicts of interest</h2>
      <p className="hint">
        Declare anyone whose work you should not score, such as a supervisee. Responses of theirs
        are never routed to you, and any you hold unsubmitted go to another grader.
      </p>
      {state.status === 'loaded' && state.data.conflicts.length > 0 && (
        <ul>
          {state.data.conflicts.map((c) => (
            <li key={c.candidateEmail}>
              {c.candidateEmail}: {c.reason}
            </li>
          ))}
        </ul>
      )}
      <form
        className="form"
        aria-labelledby="declare-heading"
        onSubmit={(event) => void submit(event)}
      >
        <h3 id="declare-heading">Declare a conflict</h3>
        <TextField
          label="Their email address"
          type="email"
          autoComplete="off"
          required
          value={email}
          onChange={setEmail}
        />
        <TextField
          label="Why"
          hint="For example: my reflective supervision supervisee."
          required
          value={reason}
          onChange={setReason}
        />
        <FormError message={error} />
        <StatusMessage message={status} />
        <button type="submit" aria-disabled={busy}>
          Declare conflict
        </button>
      </form>
    </section>
  );
}
