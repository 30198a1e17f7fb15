import {
  useEffect,
  useEffectEvent,
  useId,
  useRef,
  useState,
  type FormEvent,
  type ReactNode,
} from 'react';
import { messageOf } from '../lib/api';
import { FormError } from './FormError';

/**
 * A modal confirmation built on the native <dialog>: the browser moves focus into it, keeps it
 * there, closes it on Escape and gives focus back to the button that opened it. `onConfirm`
 * resolves to the message announced on the page (null keeps the dialog open, for a result
 * shown in it), or throws to show the error in the dialog. After a problem (the form's own
 * check or a refusal) focus goes to the field in error (`focusOnProblem`) or else to the error
 * message: left on the confirm button, a keyboard user heard the error but had to find the
 * field themselves.
 */
export function ActionDialog(props: {
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  /** Asks for the form's own check first; a string is the problem to show. */
  validate?: () => string | null;
  onConfirm(): Promise<string | null>;
  onDone(message: string | null): void;
  /** Once the dialog only shows a result (e.g. a code), it has nothing left to confirm. */
  hideConfirm?: boolean;
  danger?: boolean;
  /** The error message's id, for a field in error to be described by it. */
  errorId?: string;
  /** The control to fix after a problem, once it is shown; the error message when none. */
  focusOnProblem?: () => HTMLElement | null | undefined;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Counts problems shown, so the same message twice still moves focus again.
  const [problems, setProblems] = useState(0);
  const result = useRef<string | null>(null);
  const ownErrorId = useId();
  const errorId = props.errorId ?? ownErrorId;

  const focusProblem = useEffectEvent(() => {
    (props.focusOnProblem?.() ?? document.getElementById(errorId))?.focus();
  });
  useEffect(() => {
    if (problems > 0) focusProblem();
  }, [problems]);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const problem = props.validate?.() ?? null;
    setError(problem);
    if (problem) {
      setProblems((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      const message = await props.onConfirm();
      if (message !== null) {
        result.current = message;
        ref.current?.close();
      }
    } catch (failure) {
      setError(messageOf(failure));
      setProblems((n) => n + 1);
    } finally {
      setBusy(false);
    }
  }

  return (
    <dialog
      ref={ref}
      className="action-dialog"
      aria-labelledby={titleId}
      onClose={() => props.onDone(result.current)}
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <h2 id={titleId}>{props.title}</h2>
        {props.children}
        <FormError message={error} id={errorId} focusable />
        <div className="actions">
          {!props.hideConfirm && (
            <button
              type="submit"
              className={props.danger ? 'danger' : undefined}
              aria-disabled={busy}
            >
              {props.confirmLabel}
            </button>
          )}
          <button type="button" className="secondary" onClick={() => ref.current?.close()}>
            {props.hideConfirm ? 'Close' : 'Cancel'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
