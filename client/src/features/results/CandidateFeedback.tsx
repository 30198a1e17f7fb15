import { forwardRef } from 'react';
import type { FeedbackCandidate } from '@exam/shared/api';
import { domainLabel } from '../../lib/labels';
import { AnnotationsReview } from './AnnotationsReview';
import { FeedbackComment } from './FeedbackComment';
import { useFormatDate } from '../../lib/dates';

function stateText(candidate: FeedbackCandidate, when: (at: string | null) => string): string {
  const by = candidate.approvedBy ? ` by ${candidate.approvedBy}` : '';
  switch (candidate.state) {
    case 'scoring':
      return 'Still being scored: the feedback can be reviewed once every response has its final score.';
    case 'unapproved':
      return 'Not approved yet.';
    case 'approved':
      return `Approved${by} on ${when(candidate.approvedAt)}.`;
    case 'changed':
      return `Changed since it was approved${by} on ${when(candidate.approvedAt)}: read it again and approve it.`;
  }
}

/**
 * One candidate's Part Two feedback laid out as their results page shows it (a table per
 * response, the comments they will read), with an edit per comment and the approval.
 */
export const CandidateFeedback = forwardRef<
  HTMLHeadingElement,
  {
    candidate: FeedbackCandidate;
    editable: boolean;
    onEdit(assignmentId: string, criterionId: string, text: string): Promise<void>;
    onApprove(): void;
    onAnnotationsChanged(): void;
  }
>(function CandidateFeedback(
  { candidate, editable, onEdit, onApprove, onAnnotationsChanged },
  heading,
) {
  const headingId = `feedback-${candidate.candidateId}`;
  const needsApproval = candidate.state === 'unapproved' || candidate.state === 'changed';
  const when = useFormatDate();
  return (
    <section aria-labelledby={headingId} className="feedback-candidate">
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {candidate.name}
      </h2>
      <p className="hint">{candidate.email}</p>
      <p className={`notice feedback-${candidate.state}`}>{stateText(candidate, when)}</p>
      {candidate.responses.map((response) => (
        <div key={response.code} className="response-feedback">
          <h3>
            {response.vignetteTitle}: {response.total} of {response.max} (
            {response.passed ? 'passed' : 'not passed'})
          </h3>
          <table className="data-table">
            <caption>
              Feedback on {response.vignetteTitle} for {candidate.name}
            </caption>
            <thead>
              <tr>
                <th scope="col">Criterion</th>
                <th scope="col">Level</th>
                <th scope="col">Readers&apos; comments, as the candidate will read them</th>
              </tr>
            </thead>
            <tbody>
              {response.criteria.map((c) => (
                <tr key={c.criterionId}>
                  <th scope="row">
                    {c.title}
                    <span className="hint"> ({domainLabel(c.domain)})</span>
                  </th>
                  <td>
                    {c.level} ({c.levelLabel})
                  </td>
                  <td>
                    <ul className="plain-list">
                      {c.comments.map((comment, index) => (
                        <FeedbackComment
                          key={comment.assignmentId}
                          comment={comment}
                          label={`comment ${index + 1} on ${c.title} (${response.vignetteTitle}, ${candidate.name})`}
                          editable={editable}
                          onSave={(text) => onEdit(comment.assignmentId, c.criterionId, text)}
                        />
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <AnnotationsReview
            code={response.code}
            what={`${response.vignetteTitle} (${candidate.name})`}
            editable={editable}
            onChanged={onAnnotationsChanged}
          />
        </div>
      ))}
      {editable && needsApproval && (
        <button type="button" onClick={onApprove}>
          Approve feedback for {candidate.name}
        </button>
      )}
    </section>
  );
});
