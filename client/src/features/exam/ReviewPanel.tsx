import { useEffect, useRef, useState } from 'react';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import type { AnswerState } from './exam-state';

/** Before submitting: what is unanswered or flagged, then an explicit confirmation. */
export function ReviewPanel(props: {
  total: number;
  answers: Record<number, AnswerState>;
  pendingCount: number;
  onGo(position: number): void;
  onSubmit(): void;
  onBack(): void;
}) {
  const [confirming, setConfirming] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const positions = Array.from({ length: props.total }, (_, i) => i + 1);
  const unanswered = positions.filter((p) => props.answers[p]?.choice == null);
  const flagged = positions.filter((p) => props.answers[p]?.flagged);

  const list = (items: number[], label: string) =>
    items.length === 0 ? (
      <p>None {label}.</p>
    ) : (
      <ul className="review-list">
        {items.map((p) => (
          <li key={p}>
            <button type="button" className="link-button" onClick={() => props.onGo(p)}>
              Question {p}
            </button>
          </li>
        ))}
      </ul>
    );

  return (
    <section aria-labelledby="review-heading" className="review">
      <h2 id="review-heading" tabIndex={-1} ref={heading}>
        Review Part One
      </h2>
      <p>
        {props.total - unanswered.length} of {props.total} answered.
      </p>
      <h3>Unanswered ({unanswered.length})</h3>
      {list(unanswered, 'unanswered')}
      <h3>Flagged for review ({flagged.length})</h3>
      {list(flagged, 'flagged')}
      <div className="actions">
        <button type="button" className="secondary" onClick={props.onBack}>
          Back to questions
        </button>
        <button type="button" onClick={() => setConfirming(true)}>
          Submit Part One…
        </button>
      </div>
      {confirming && (
        <ConfirmDialog
          title="Submit Part One now?"
          confirmLabel="Yes, submit Part One"
          onConfirm={() => {
            setConfirming(false);
            props.onSubmit();
          }}
          onCancel={() => setConfirming(false)}
        >
          You cannot change your answers after submitting.
          {unanswered.length > 0 && ` ${unanswered.length} questions are unanswered.`}
          {props.pendingCount > 0 &&
            ' Some changes are still waiting to save; they will be sent first.'}
        </ConfirmDialog>
      )}
    </section>
  );
}
