/**
 * An error region that is always in the page, so assistive technology announces the message
 * when it appears (a live region inserted together with its text is often missed).
 */
export function FormError({
  message,
  id,
  focusable,
}: {
  message: string | null;
  id?: string;
  /** Focus may be put on it (not by Tab): where a form sends focus after a problem. */
  focusable?: boolean;
}) {
  return (
    <div role="alert" id={id} className="form-error" tabIndex={focusable ? -1 : undefined}>
      {message}
    </div>
  );
}

/** Polite announcements of success, such as "User created". */
export function StatusMessage({ message }: { message: string | null }) {
  return (
    <div role="status" className="status-message">
      {message}
    </div>
  );
}
