import { useEffect, useRef, useState } from 'react';
import { countWords, type WordCountable } from '@exam/shared/editor';
import type { PartTwoState } from '@exam/shared/protocol';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import type { ExamClient } from '../exam-client';
import { partTwoSubmitProblem, type ExamState } from '../exam-state';

/**
 * Before submitting Part Two: which vignettes are chosen and how long each response is; a wrong
 * number chosen stops the submit with the reason, and the submit itself needs a confirmation.
 */
export function PartTwoReview(props: {
  client: ExamClient;
  state: ExamState;
  partTwo: PartTwoState;
  /** Paused by the proctor: nothing is submitted until the exam resumes. */
  paused: boolean;
  onGo(position: number): void;
  onBack(): void;
}) {
  const { client, state, partTwo } = props;
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const words = (position: number) => {
    const doc = client.draftDoc(position) as WordCountable | undefined;
    return doc ? countWords(doc) : 0;
  };

  const askToSubmit = () => {
    const reason = partTwoSubmitProblem(state);
    setProblem(reason);
    setConfirming(reason === undefined);
  };

  // A problem found here, or the server's refusal of the submit (e.g. WRONG_CHOICE_COUNT).
  const shownProblem = problem ?? state.submitProblem;
  return (
    <section aria-labelledby="part-two-review-heading" className="review">
      <h3 id="part-two-review-heading" tabIndex={-1} ref={heading}>
        Review Part Two
      </h3>
      <p>
        Only the vignettes you chose are graded; responses to the others are kept but not graded.
        You have chosen {state.chosen.length} of the required {partTwo.requiredCount}.
      </p>
      <ul className="review-vignettes">
        {partTwo.vignettes.map((vignette) => (
          <li key={vignette.position}>
            <button
              type="button"
              className="link-button"
              disabled={props.paused}
              onClick={() => props.onGo(vignette.position)}
            >
              Vignette {vignette.position}: {vignette.title}
            </button>{' '}
            – {state.chosen.includes(vignette.position) ? 'chosen' : 'not chosen'},{' '}
            {words(vignette.position)} words
          </li>
        ))}
      </ul>
      <p className="form-error" role="alert">
        {shownProblem ?? ''}
      </p>
      <p role="status">
        {state.submitting &&
          `Submitting: waiting for ${state.pendingCount === 1 ? '1 change' : `${state.pendingCount} changes`} to save first…`}
      </p>
      <div className="actions">
        <button type="button" className="secondary" onClick={props.onBack}>
          Back to vignettes
        </button>
        <button type="button" disabled={props.paused} onClick={askToSubmit}>
          Submit Part Two…
        </button>
      </div>
      {confirming && (
        <ConfirmDialog
          title="Submit Part Two now?"
          confirmLabel="Yes, submit Part Two"
          onConfirm={() => {
            setConfirming(false);
            client.submitPart(2);
          }}
          onCancel={() => setConfirming(false)}
        >
          You cannot change your responses or your choice after submitting.
          {state.pendingCount > 0 &&
            ' Some changes are still waiting to save; they will be sent first.'}
        </ConfirmDialog>
      )}
    </section>
  );
}
