import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A modal yes-or-no question, for a step that cannot be undone (submitting a part). Built on the
 * native <dialog> opened with `showModal()`: the rest of the page is inert, so focus stays inside,
 * and Escape cancels. Focus starts on Cancel, the safe answer, and goes back to whatever opened
 * the dialog when it goes away. Render it only while asking; the parent removes it from both
 * callbacks.
 */
export function ConfirmDialog(props: {
  title: string;
  /** What happens if the user says yes; read out as the dialog's description. */
  children: ReactNode;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const textId = useId();
  // Read in the close handler, which is attached once: the latest callback, not the first.
  const onCancel = useRef(props.onCancel);
  useEffect(() => {
    onCancel.current = props.onCancel;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    let closing = false;
    // Escape (or the browser closing the dialog any other way) means "no".
    const closed = () => {
      if (!closing) onCancel.current();
    };
    dialog.addEventListener('close', closed);
    if (!dialog.open) dialog.showModal();
    cancel.current?.focus();
    return () => {
      closing = true;
      dialog.removeEventListener('close', closed);
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className="action-dialog"
      role="alertdialog"
      aria-labelledby={titleId}
      aria-describedby={textId}
    >
      <h2 id={titleId}>{props.title}</h2>
      <p id={textId}>{props.children}</p>
      <div className="actions">
        <button type="button" className="secondary" ref={cancel} onClick={props.onCancel}>
          Cancel
        </button>
        <button type="button" onClick={props.onConfirm}>
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
