import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { MyQualification, QualificationState } from '@exam/shared/api';
import { formatDate, useViewerZone } from '../../lib/dates';
import { variantLabels } from '../../lib/labels';
import { useLoad, useSaver } from '../../lib/use-load';
import { FormError } from '../../ui/FormError';
import { Page } from '../../ui/Page';
import { getMyQualifications, startQualification } from './calibration.api';

export const qualificationStateLabels: Record<QualificationState, string> = {
  qualified: 'Qualified',
  expired: 'Expired: qualify again',
  'not-started': 'Not yet qualified',
  'in-progress': 'Set in progress',
  retry: 'Not qualified: one more set allowed',
  'awaiting-decision': 'Not qualified: the coordinator decides',
  'not-qualified': 'Not qualified (coordinator’s decision)',
};

const canStart = (q: MyQualification) =>
  q.setAvailable && (q.state === 'not-started' || q.state === 'expired' || q.state === 'retry');

/**
 * A grader's standing per variant: live responses reach them only once qualified, so this is
 * where they take (or resume) a qualification set of benchmark responses and read the feedback.
 */
export function QualificationPage() {
  const zone = useViewerZone();
  const navigate = useNavigate();
  const save = useSaver();
  const { state } = useLoad((signal) => getMyQualifications(signal), []);
  const [error, setError] = useState<string | null>(null);

  async function start(q: MyQualification) {
    setError(null);
    const started = await save(() => startQualification(q.variant));
    if (started.ok) void navigate(`/qualification/${started.value}`);
    else setError(started.message);
  }

  return (
    <Page title="Qualification">
      <p>
        Before scoring live responses of a variant, score a set of benchmark responses. You then see
        the agreed scores, and why, wherever yours differed.
      </p>
      {state.status === 'loading' && <p role="status">Loading your qualifications…</p>}
      {state.status === 'failed' && <FormError message={state.message} />}
      {state.status === 'loaded' && (
        <>
          {state.data.paused && (
            <p className="notice">
              Your live scoring is paused while the coordinator reviews your recent scores.
            </p>
          )}
          <p>
            A set has {state.data.thresholds.setSize} responses; you qualify with{' '}
            {state.data.thresholds.exactPercent}% exact and {state.data.thresholds.adjacentPercent}%
            adjacent agreement with the agreed scores.
          </p>
          <FormError message={error} />
          <table className="data-table">
            <caption className="visually-hidden">Your qualification per variant</caption>
            <thead>
              <tr>
                <th scope="col">Variant</th>
                <th scope="col">Rubric version</th>
                <th scope="col">Standing</th>
                <th scope="col">Expires</th>
                <th scope="col">Next step</th>
              </tr>
            </thead>
            <tbody>
              {state.data.variants.map((q) => (
                <tr key={q.variant}>
                  <th scope="row">{variantLabels[q.variant]}</th>
                  <td>{q.rubricVersion}</td>
                  <td>{qualificationStateLabels[q.state]}</td>
                  <td>{q.expiresAt ? formatDate(q.expiresAt, zone, 'date') : '–'}</td>
                  <td>
                    <NextStep q={q} onStart={() => void start(q)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            <Link to="/grading">Go to your grading queue</Link>
          </p>
        </>
      )}
    </Page>
  );
}

function NextStep({ q, onStart }: { q: MyQualification; onStart(): void }) {
  const label = variantLabels[q.variant];
  if (q.state === 'in-progress' && q.roundId)
    return <Link to={`/qualification/${q.roundId}`}>Continue the {label} set</Link>;
  if (canStart(q))
    return (
      <button type="button" onClick={onStart}>
        {q.state === 'retry' ? `Take another ${label} set` : `Take the ${label} set`}
      </button>
    );
  const feedback = q.roundId && (
    <Link to={`/qualification/${q.roundId}`}>Read the feedback on your {label} set</Link>
  );
  if (q.state === 'retry')
    // A retry holds only responses not seen before (their agreed levels were in the feedback).
    return (
      <>
        {feedback}
        <p>
          Your next set needs responses you have not seen yet; the coordinator has been asked to add
          some.
        </p>
      </>
    );
  if (feedback) return feedback;
  return q.setAvailable ? <>–</> : <>No set is ready yet</>;
}
