import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError, messageOf } from '../../lib/api';
import { useLoad } from '../../lib/use-load';
import { FormError, StatusMessage } from '../../ui/FormError';
import { Page } from '../../ui/Page';
import { useSession } from '../auth';
import { AgreementTable } from './AgreementTable';
import { CandidatesTable } from './CandidatesTable';
import { getReview, releaseResults, sittingPath } from './results.api';
import { ReleaseControls } from './ReleaseControls';
import { RulesForm } from './RulesForm';
import { ScoreChart } from './ScoreChart';

/**
 * A sitting's results for the coordinator: what still blocks release, score distributions,
 * graders' agreement, every candidate's outcome, the grading rules, exports and release.
 */
export function SittingResultsPage() {
  const { id = '' } = useParams();
  const { expired } = useSession();
  const { state, reload } = useLoad((signal) => getReview(id, signal), [id]);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  async function release(): Promise<boolean> {
    setError(null);
    try {
      const done = await releaseResults(id);
      setStatus(`Released ${done.results} result(s). Candidates can now read them.`);
      reload();
      return true;
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 401) expired();
      setError(messageOf(caught));
      return false;
    }
  }

  const title = state.status === 'loaded' ? `Results: ${state.data.sitting.name}` : 'Results';
  return (
    <Page title={title}>
      <p>
        <Link to="/results">All sittings</Link>
      </p>
      <StatusMessage message={status} />
      {state.status === 'loading' && <p role="status">Loading results…</p>}
      {state.status === 'failed' && <FormError message={state.message} />}
      {state.status === 'loaded' && (
        <>
          <section aria-labelledby="release-heading">
            <ReleaseControls
              released={state.data.sitting.status === 'released'}
              releasedAt={state.data.sitting.releasedAt}
              blockers={state.data.blockers}
              release={release}
            >
              <p>
                <Link to={`/results/${id}/feedback`}>Review the feedback candidates will read</Link>
              </p>
              <p>
                <Link to={`/results/${id}/corrections`}>Re-key or void an item</Link>
              </p>
              <p>
                <Link to={`/results/${id}/letters`}>Results letters</Link>
              </p>
            </ReleaseControls>
            <FormError message={error} />
            <p>
              Download:{' '}
              <a href={`${sittingPath(id)}/results.csv`} download>
                results (CSV)
              </a>
              ,{' '}
              <a href={`${sittingPath(id)}/scores.csv`} download>
                every score given (CSV)
              </a>
              .
            </p>
          </section>
          <section aria-labelledby="distributions-heading">
            <h2 id="distributions-heading">Score distributions</h2>
            {state.data.distributions.map((d) => (
              <ScoreChart key={d.title} distribution={d} />
            ))}
          </section>
          <section aria-labelledby="agreement-heading">
            <h2 id="agreement-heading">Graders&apos; agreement</h2>
            <AgreementTable agreement={state.data.agreement} />
          </section>
          <section aria-labelledby="candidates-heading">
            <h2 id="candidates-heading">Candidates</h2>
            <CandidatesTable
              candidates={state.data.candidates}
              canReopen={state.data.sitting.status !== 'released'}
              onReopened={(message) => {
                setStatus(message);
                reload();
              }}
            />
          </section>
          <RulesForm
            key={JSON.stringify(state.data.rules)}
            sittingId={id}
            rules={state.data.rules}
            disabled={state.data.sitting.status === 'released'}
            onSaved={() => {
              setStatus('Saved the grading rules; the results below use them.');
              reload();
            }}
          />
        </>
      )}
    </Page>
  );
}
