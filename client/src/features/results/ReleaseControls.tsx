import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useFormatDate } from '../../lib/dates';

/**
 * The release decision: what still blocks it, or a two-step release (final, so it asks first).
 * Each step replaces the button just pressed, so focus is moved on purpose: to Cancel when asked
 * (the safe choice, as the exam's submit dialogs do), back to Release on Cancel, and to the
 * heading once released. A second press while the release is on its way sends nothing.
 */
export function ReleaseControls(props: {
  released: boolean;
  releasedAt: string | null;
  blockers: readonly string[];
  /** Releases; true when it succeeded (the page reports the outcome). */
  release(): Promise<boolean>;
  children?: ReactNode;
}) {
  const when = useFormatDate();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const start = useRef<HTMLButtonElement>(null);
  const focusNext = useRef<'cancel' | 'start' | 'heading' | null>(null);

  useEffect(() => {
    const target = { cancel, start, heading }[focusNext.current ?? 'heading'];
    if (focusNext.current && target.current) {
      target.current.focus();
      focusNext.current = null;
    }
  });

  async function confirm() {
    if (busy) return;
    setBusy(true);
    const ok = await props.release();
    setBusy(false);
    if (ok) {
      setConfirming(false);
      focusNext.current = 'heading';
    }
  }

  return (
    <>
      <h2 id="release-heading" ref={heading} tabIndex={-1}>
        Release
      </h2>
      {props.children}
      {props.released ? (
        <p>
          Released{props.releasedAt && ` on ${when(props.releasedAt)}`}. Candidates can read their
          results.
        </p>
      ) : props.blockers.length > 0 ? (
        <>
          <p>Results cannot be released yet:</p>
          <ul>
            {props.blockers.map((b) => (
              <li key={b}>{b}</li>
            ))}
          </ul>
        </>
      ) : confirming ? (
        <div className="confirm" role="group" aria-labelledby="release-confirm">
          <p id="release-confirm">
            Release is final: every candidate will see their result, and scores and rules can no
            longer change.
          </p>
          <div className="actions">
            <button type="button" aria-disabled={busy} onClick={() => void confirm()}>
              Confirm release
            </button>
            <button
              ref={cancel}
              type="button"
              className="secondary"
              onClick={() => {
                focusNext.current = 'start';
                setConfirming(false);
              }}
            >
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <>
          <p>Every response is scored. Review the results, then release them.</p>
          <button
            ref={start}
            type="button"
            onClick={() => {
              focusNext.current = 'cancel';
              setConfirming(true);
            }}
          >
            Release results
          </button>
        </>
      )}
    </>
  );
}
