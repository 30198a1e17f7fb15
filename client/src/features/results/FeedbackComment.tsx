import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { FeedbackComment as Comment } from '@exam/shared/api';
import { ApiError, messageOf } from '../../lib/api';
import { FormError } from '../../ui/FormError';
import { useSession } from '../auth';

/**
 * One grader comment as the candidate will read it, with its edit form. The grader's own text
 * stays on record whatever is saved here; an empty comment is removed from the candidate's view.
 */
export function FeedbackComment({
  comment,
  label,
  editable,
  onSave,
}: {
  comment: Comment;
  /** Names the comment for assistive technology, e.g. "comment 1 on Reflection (…)". */
  label: string;
  editable: boolean;
  onSave(text: string): Promise<void>;
}) {
  const { expired } = useSession();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState(comment.text);
  const [error, setError] = useState<string | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const reopened = useRef(false);

  useEffect(() => {
    if (open) field.current?.focus();
    else if (reopened.current) opener.current?.focus();
  }, [open]);

  function close() {
    reopened.current = true;
    setOpen(false);
  }

  async function save(event: FormEvent, value = text) {
    event.preventDefault();
    setError(null);
    try {
      await onSave(value);
      close();
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 401) expired();
      setError(messageOf(caught));
    }
  }

  return (
    <li className="feedback-comment">
      {comment.text === '' ? (
        <span className="hint">(Removed: the candidate will not read this comment.)</span>
      ) : (
        comment.text
      )}
      {comment.edited && (
        <p className="hint">
          Edited. The grader wrote: <q>{comment.original}</q>
        </p>
      )}
      {editable && !open && (
        <button
          ref={opener}
          type="button"
          className="link-button"
          aria-label={`Edit ${label}`}
          onClick={() => {
            setText(comment.text);
            setOpen(true);
          }}
        >
          Edit
        </button>
      )}
      {open && (
        <form className="form" onSubmit={(event) => void save(event)} aria-label={`Edit ${label}`}>
          <div className="field">
            <label htmlFor={id}>Text the candidate will read</label>
            <p id={`${id}-hint`} className="hint">
              Leave it empty to remove the comment. The grader&apos;s own text stays on record.
            </p>
            <textarea
              ref={field}
              id={id}
              rows={3}
              maxLength={4000}
              aria-describedby={`${id}-hint`}
              value={text}
              onChange={(event) => setText(event.target.value)}
            />
          </div>
          <FormError message={error} />
          <div className="actions">
            <button type="submit">Save</button>
            {comment.edited && (
              <button
                type="button"
                className="secondary"
                onClick={(event) => void save(event, comment.original)}
              >
                Restore the grader&apos;s text
              </button>
            )}
            <button type="button" className="secondary" onClick={close}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </li>
  );
}
