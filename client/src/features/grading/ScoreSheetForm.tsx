import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import type {
  CriterionScore,
  GradingResponseView,
  ScoreSheet,
  ScoreSheetRequest,
} from '@exam/shared/api';
import { ApiError, messageOf } from '../../lib/api';
import { useLoad } from '../../lib/use-load';
import { FormError, StatusMessage } from '../../ui/FormError';
import { useSession } from '../auth';
import { CriterionField } from './CriterionField';
import { getCommentBank } from './comment-bank.api';
import { saveDraft, submitSheet } from './grading.api';

function emptyScore(criterionId: string): CriterionScore {
  return { criterionId, level: null, comment: '' };
}

/**
 * The rubric as a form: a level and evidence per criterion, a flag asking for a second opinion
 * (its note is for graders only), save as draft, and submit, which is final and asks first.
 * The sheet names the rubric version it shows; a response is scored with one version by all its
 * readers, and a sheet made with another is refused, so that refusal offers to reload.
 */
export function ScoreSheetForm({
  view,
  onSaved,
  onReload,
  focusHeading = false,
}: {
  view: GradingResponseView;
  onSaved(sheet: ScoreSheet): void;
  /** Loads the response again, with the version it is scored with. */
  onReload(): void;
  /** Put focus on the heading when shown: the form replaced one whose reload button had it. */
  focusHeading?: boolean;
}) {
  const { expired } = useSession();
  const readOnly = view.sheet.status === 'submitted';
  // The bank is a help, not a need: if it cannot be read, the sheet works without it.
  const { state: bankState } = useLoad((signal) => getCommentBank(signal), []);
  const bank = bankState.status === 'loaded' ? bankState.data : [];
  const [scores, setScores] = useState<CriterionScore[]>(() =>
    view.rubric.criteria.map(
      (c) => view.sheet.scores.find((s) => s.criterionId === c.id) ?? emptyScore(c.id),
    ),
  );
  const [flagged, setFlagged] = useState(view.sheet.flagged);
  const [flagNote, setFlagNote] = useState(view.sheet.flagNote);
  const [error, setError] = useState<string | null>(null);
  // The refusal of a sheet made with another rubric version: the page must load the response again.
  const [stale, setStale] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const submitButton = useRef<HTMLButtonElement>(null);
  const backLink = useRef<HTMLAnchorElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (focusHeading) heading.current?.focus();
  }, [focusHeading]);
  // Where focus goes once the confirmation is gone: its buttons leave the page with it, and
  // focus fell to the page body, so a keyboard grader had to tab from the top again.
  const focusAfter = useRef<'submit' | 'back' | null>(null);

  useEffect(() => {
    if (confirming) {
      confirmButton.current?.focus();
      return;
    }
    const target = focusAfter.current === 'back' ? backLink.current : submitButton.current;
    if (focusAfter.current) target?.focus();
    focusAfter.current = null;
  }, [confirming, readOnly]);

  function request(): ScoreSheetRequest {
    return { rubricVersion: view.rubric.version, scores, flagged, flagNote };
  }

  async function store(submitting: boolean) {
    if (busy) return;
    setError(null);
    setStale(false);
    setStatus(null);
    setBusy(true);
    try {
      const sheet = submitting
        ? await submitSheet(view.code, request())
        : await saveDraft(view.code, request());
      if (submitting) focusAfter.current = 'back';
      onSaved(sheet);
      setStatus(
        submitting
          ? `Submitted your reading of ${view.code}. It is final.`
          : `Draft saved for ${view.code}.`,
      );
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 401) expired();
      setError(messageOf(caught));
      setStale(caught instanceof ApiError && caught.code === 'RUBRIC_VERSION_MISMATCH');
    } finally {
      if (submitting) focusAfter.current ??= 'submit';
      setBusy(false);
      setConfirming(false);
    }
  }

  function askToSubmit(event: FormEvent) {
    event.preventDefault();
    if (!busy) setConfirming(true);
  }

  return (
    <form className="scoring-sheet" aria-labelledby="rubric-heading" onSubmit={askToSubmit}>
      <h2 id="rubric-heading" ref={heading} tabIndex={-1}>
        {view.rubric.title} <span className="hint">(version {view.rubric.version})</span>
      </h2>
      <p className="hint">
        Every reader of this response scores it with version {view.rubric.version}, even if a newer
        version of the rubric is published while you score.
      </p>
      <p className="hint">
        Passing a response needs every criterion at level{' '}
        {view.rubric.passingRule.minLevelPerCriterion} or above and a total of at least{' '}
        {view.rubric.passingRule.minTotalPerResponse}, unless the sitting sets otherwise.
      </p>
      {view.rubric.criteria.map((criterion, index) => (
        <CriterionField
          key={criterion.id}
          criterion={criterion}
          value={scores[index] ?? emptyScore(criterion.id)}
          readOnly={readOnly}
          others={view.otherReadings}
          bank={bank}
          onChange={(value) =>
            setScores((current) => current.map((s, i) => (i === index ? value : s)))
          }
        />
      ))}
      {view.otherReadings.some((r) => r.flagged) && (
        <div className="notice">
          <h3>Second opinion asked</h3>
          <ul>
            {view.otherReadings
              .filter((r) => r.flagged)
              .map((r) => (
                <li key={r.label}>
                  {r.label}: {r.flagNote}
                </li>
              ))}
          </ul>
        </div>
      )}
      <div className="field flag-field">
        <div className="checkbox-row">
          <input
            type="checkbox"
            id="flag-second-opinion"
            checked={flagged}
            disabled={readOnly}
            onChange={(event) => setFlagged(event.target.checked)}
          />
          <label htmlFor="flag-second-opinion">Ask for a second opinion</label>
        </div>
        <label htmlFor="flag-note">Note for graders (never shown to the candidate)</label>
        <textarea
          id="flag-note"
          rows={2}
          value={flagNote}
          readOnly={readOnly}
          maxLength={2000}
          onChange={(event) => setFlagNote(event.target.value)}
        />
      </div>
      <FormError message={error} />
      {stale && (
        <p>
          <button type="button" className="secondary" onClick={onReload}>
            Reload the response
          </button>
        </p>
      )}
      <StatusMessage message={status} />
      {readOnly ? (
        <p>
          This reading is submitted and final.{' '}
          <Link to="/grading" ref={backLink}>
            Back to your queue
          </Link>
        </p>
      ) : confirming ? (
        <div className="confirm" role="group" aria-labelledby="confirm-text">
          <p id="confirm-text">Submitting is final: you cannot change this reading afterwards.</p>
          <div className="actions">
            <button
              type="button"
              ref={confirmButton}
              aria-disabled={busy}
              onClick={() => void store(true)}
            >
              Confirm submit
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                focusAfter.current = 'submit';
                setConfirming(false);
              }}
            >
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <button
            type="button"
            className="secondary"
            aria-disabled={busy}
            onClick={() => void store(false)}
          >
            Save draft
          </button>
          <button type="submit" aria-disabled={busy} ref={submitButton}>
            Submit
          </button>
        </div>
      )}
    </form>
  );
}
