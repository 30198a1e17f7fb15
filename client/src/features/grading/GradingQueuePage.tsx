import { Link } from 'react-router-dom';
import { readingStatusLabels, gradingRoleLabels, variantLabels } from '../../lib/labels';
import { useLoad } from '../../lib/use-load';
import { FormError } from '../../ui/FormError';
import { Page } from '../../ui/Page';
import { ConflictDeclaration } from './ConflictDeclaration';
import { getQueue } from './grading.api';

/**
 * A grader's queue: responses known only by code, in the grader's own stable order (never by
 * submission time or candidate), with progress, and where to declare a conflict of interest.
 */
export function GradingQueuePage() {
  const { state, reload } = useLoad((signal) => getQueue(signal), []);
  const next =
    state.status === 'loaded'
      ? state.data.entries.find((e) => e.status !== 'submitted')
      : undefined;

  return (
    <Page title="Grading queue">
      <p>
        Live responses of a variant reach you once you are qualified for it:{' '}
        <Link to="/qualification">your qualifications</Link>.
      </p>
      {state.status === 'loading' && <p role="status">Loading your queue…</p>}
      {state.status === 'failed' && <FormError message={state.message} />}
      {state.status === 'loaded' && (
        <>
          <section aria-labelledby="progress-heading">
            <h2 id="progress-heading">Progress</h2>
            <p id="progress-text">
              {state.data.progress.submitted} of {state.data.progress.total} submitted
              {state.data.progress.drafts > 0 && `, ${state.data.progress.drafts} with a draft`}.
            </p>
            <progress
              className="grading-progress"
              max={Math.max(1, state.data.progress.total)}
              value={state.data.progress.submitted}
              aria-labelledby="progress-text"
            />
            {next ? (
              <p>
                <Link to={`/grading/${next.code}`}>Score the next response ({next.code})</Link>
              </p>
            ) : (
              <p>Nothing is waiting for you.</p>
            )}
          </section>
          <section aria-labelledby="queue-heading">
            <h2 id="queue-heading">Responses</h2>
            {state.data.entries.length === 0 ? (
              <p>No responses have been routed to you yet.</p>
            ) : (
              <table className="data-table">
                <caption className="visually-hidden">Responses in your queue</caption>
                <thead>
                  <tr>
                    <th scope="col">Code</th>
                    <th scope="col">Vignette</th>
                    <th scope="col">Variant</th>
                    <th scope="col">Reading</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {state.data.entries.map((entry) => (
                    <tr key={entry.code}>
                      <th scope="row">
                        <Link to={`/grading/${entry.code}`}>{entry.code}</Link>
                      </th>
                      <td>{entry.vignetteTitle}</td>
                      <td>{variantLabels[entry.variant]}</td>
                      <td>{gradingRoleLabels[entry.role]}</td>
                      <td>
                        {readingStatusLabels[entry.status]}
                        {entry.flagged && ' (second opinion asked)'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}
      <ConflictDeclaration onDeclared={reload} />
    </Page>
  );
}
