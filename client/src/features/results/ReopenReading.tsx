import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, messageOf } from '../../lib/api';
import { FormError } from '../../ui/FormError';
import { TextField } from '../../ui/TextField';
import { useSession } from '../auth';
import { reopenReading } from '../grading';

/**
 * Reopens one submitted reading so its grader can change it: submitted scores are otherwise
 * final. Needs a reason, which goes to the audit log with the change.
 */
export function ReopenReading({
  code,
  graderId,
  graderName,
  onReopened,
}: {
  code: string;
  graderId: string;
  graderName: string;
  onReopened(message: string): void;
}) {
  const { expired } = useSession();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (open) form.current?.querySelector('input')?.focus();
  }, [open]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await reopenReading(code, graderId, reason.trim());
      setOpen(false);
      onReopened(`Reopened ${graderName}'s reading of ${code}.`);
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 401) expired();
      setError(messageOf(caught));
    }
  }

  if (!open) {
    return (
      <button type="button" className="link-button" onClick={() => setOpen(true)}>
        Reopen {graderName}&apos;s reading of {code}
      </button>
    );
  }
  return (
    <form
      ref={form}
      className="form"
      onSubmit={(event) => void submit(event)}
      aria-label={`Reopen ${graderName}'s reading of ${code}`}
    >
      <TextField label="Why reopen it" required value={reason} onChange={setReason} />
      <FormError message={error} />
      <div className="actions">
        <button type="submit">Reopen</button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
