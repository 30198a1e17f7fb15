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
  const opener = useRef<HTMLButtonElement>(null);
  // Cancel takes the form (and the focused button) away: focus goes back to the opener.
  const backToOpener = useRef(false);
  const sending = useRef(false);

  useEffect(() => {
    if (open) form.current?.querySelector('input')?.focus();
    else if (backToOpener.current) opener.current?.focus();
    backToOpener.current = false;
  }, [open]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    // A double press sent the reopen twice; the second was refused as not submitted.
    if (sending.current) return;
    sending.current = true;
    setError(null);
    try {
      await reopenReading(code, graderId, reason.trim());
      // The reading is no longer submitted, so this control goes once the page reloads: focus
      // waits on the reading's own line (it then says its new status) instead of the page body.
      const reading = form.current?.closest<HTMLElement>('[data-reading]');
      setOpen(false);
      onReopened(`Reopened ${graderName}'s reading of ${code}.`);
      reading?.focus();
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 401) expired();
      setError(messageOf(caught));
    } finally {
      sending.current = false;
    }
  }

  if (!open) {
    return (
      <button type="button" className="link-button" ref={opener} onClick={() => setOpen(true)}>
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
        <button
          type="button"
          className="secondary"
          onClick={() => {
            backToOpener.current = true;
            setOpen(false);
          }}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
