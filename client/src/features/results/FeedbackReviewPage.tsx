import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { FeedbackCandidate, FeedbackReviewResponse } from '@exam/shared/api';
import { ApiError, messageOf } from '../../lib/api';
import { useLoad } from '../../lib/use-load';
import { ActionDialog } from '../../ui/ActionDialog';
import { FormError, StatusMessage } from '../../ui/FormError';
import { Page } from '../../ui/Page';
import { useSession } from '../auth';
import { CandidateFeedback } from './CandidateFeedback';
import { approveFeedback, editFeedbackComment, getFeedbackReview } from './feedback.api';

const approvalOf = (c: FeedbackCandidate) => ({
  candidateId: c.candidateId,
  fingerprint: c.fingerprint ?? '',
});

/**
 * Before release, the feedback each candidate will read: graders' comments as the candidate
 * will see them, editable, and approved per candidate (or all remaining at once). Release waits
 * until every candidate's feedback is approved as it then stands.
 */
export function FeedbackReviewPage() {
  const { id = '' } = useParams();
  const { expired } = useSession();
  const { state, set: replace } = useLoad((signal) => getFeedbackReview(id, signal), [id]);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirmingAll, setConfirmingAll] = useState(false);
  const headings = useRef(new Map<string, HTMLHeadingElement>());
  const summary = useRef<HTMLParagraphElement>(null);
  async function approve(candidate: FeedbackCandidate) {
    setError(null);
    try {
      replace(await approveFeedback(id, [approvalOf(candidate)]));
      setStatus(`Approved the feedback for ${candidate.name}.`);
      // Its button is about to go: focus what was approved, not the top of the page.
      headings.current.get(candidate.candidateId)?.focus();
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 401) expired();
      setError(messageOf(caught));
    }
  }

  async function edit(assignmentId: string, criterionId: string, text: string) {
    const next = await editFeedbackComment(id, { assignmentId, criterionId, text });
    replace(next);
    setStatus(
      text === ''
        ? 'Removed the comment from the candidate’s feedback.'
        : 'Saved the comment the candidate will read.',
    );
  }

  const data: FeedbackReviewResponse | null = state.status === 'loaded' ? state.data : null;
  const released = data?.sitting.status === 'released';
  const candidates = data?.candidates ?? [];
  const remaining = candidates.filter((c) => c.state === 'unapproved' || c.state === 'changed');
  const approved = candidates.filter((c) => c.state === 'approved').length;
  const scoring = candidates.filter((c) => c.state === 'scoring').length;

  return (
    <Page title={data ? `Feedback review: ${data.sitting.name}` : 'Feedback review'}>
      <p>
        <Link to={`/results/${id}`}>Back to the results</Link>
      </p>
      <StatusMessage message={status} />
      <FormError message={error} />
      {state.status === 'loading' && <p role="status">Loading the feedback…</p>}
      {state.status === 'failed' && <FormError message={state.message} />}
      {data && (
        <>
          <p>
            Each candidate reads the graders&apos; comments below with their result, without the
            graders&apos; names. Edit what should not reach them as written; the graders&apos; own
            text stays on record. Approving names exactly what is shown: if it changes later (an
            edit, a reopened score), it must be approved again.
          </p>
          <p ref={summary} tabIndex={-1}>
            {released
              ? 'Results are released: this feedback is fixed.'
              : candidates.length === 0
                ? 'No candidate has Part Two feedback yet.'
                : `${approved} of ${candidates.length} candidate(s) approved; ${remaining.length} to approve${scoring > 0 ? `, ${scoring} still being scored` : ''}.`}
          </p>
          {!released && remaining.length > 0 && (
            <button type="button" onClick={() => setConfirmingAll(true)}>
              Approve all remaining ({remaining.length})
            </button>
          )}
          {confirmingAll && (
            <ActionDialog
              title={`Approve the feedback of ${remaining.length} candidate(s)?`}
              confirmLabel="Approve all remaining"
              onConfirm={async () => {
                const next = await approveFeedback(id, remaining.map(approvalOf));
                replace(next);
                return `Approved the feedback for ${remaining.length} candidate(s).`;
              }}
              onDone={(message) => {
                setConfirmingAll(false);
                if (message) {
                  setStatus(message);
                  // The button that opened the dialog is gone once nothing remains to approve.
                  summary.current?.focus();
                }
              }}
            >
              <p>
                Each is approved exactly as shown on this page. Read every candidate&apos;s feedback
                first.
              </p>
            </ActionDialog>
          )}
          {candidates.map((candidate) => (
            <CandidateFeedback
              key={candidate.candidateId}
              ref={(el) => {
                if (el) headings.current.set(candidate.candidateId, el);
                else headings.current.delete(candidate.candidateId);
              }}
              candidate={candidate}
              editable={!released}
              onEdit={edit}
              onApprove={() => void approve(candidate)}
              // Refetched in place (no loading state), so focus stays on the checkbox.
              onAnnotationsChanged={() =>
                void getFeedbackReview(id).then(replace, (caught: unknown) =>
                  setError(messageOf(caught)),
                )
              }
            />
          ))}
        </>
      )}
    </Page>
  );
}
