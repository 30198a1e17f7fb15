import { Link, useParams } from 'react-router-dom';
import type { AttemptResponses } from '@exam/shared/api';
import { useLoad } from '../../lib/use-load';
import { ConsoleNav } from '../../shell/ConsoleNav';
import { LoadState } from '../../ui/fields';
import { Page } from '../../ui/Page';
import { partStatusText, savedAtText } from './response-labels';
import { getAttemptResponses } from './responses.api';

/** Where a candidate's responses live in the console; the history pages sit under it. */
export function attemptResponsesPath(sittingId: string, attemptId: string): string {
  return `/coordinator/sittings/${encodeURIComponent(sittingId)}/attempts/${encodeURIComponent(attemptId)}/responses`;
}

/** A candidate's Part Two responses, reached from the sitting's roster: one row per vignette. */
export function AttemptResponsesPage() {
  // The sitting in the path is only for the address; links use the one the attempt belongs to.
  const { attemptId = '' } = useParams();
  const { state } = useLoad((signal) => getAttemptResponses(attemptId, signal), [attemptId]);
  const title =
    state.status === 'loaded' ? `Part Two responses: ${state.data.candidateName}` : 'Responses';

  return (
    <Page title={title}>
      <ConsoleNav />
      <LoadState state={state} what="the responses" />
      {state.status === 'loaded' && (
        <>
          <p>
            <Link to={`/coordinator/sittings/${encodeURIComponent(state.data.sittingId)}`}>
              Back to {state.data.sittingName}
            </Link>
          </p>
          <dl className="facts">
            <div>
              <dt>Vignette set</dt>
              <dd>{state.data.setTitle ?? 'None assigned'}</dd>
            </div>
            <div>
              <dt>Part Two</dt>
              <dd>{partStatusText(state.data.partTwoStatus)}</dd>
            </div>
          </dl>
          <ResponsesTable overview={state.data} />
        </>
      )}
    </Page>
  );
}

function ResponsesTable({ overview }: { overview: AttemptResponses }) {
  if (overview.responses.length === 0) return <p>This attempt has no Part Two vignettes.</p>;
  const base = attemptResponsesPath(overview.sittingId, overview.attemptId);
  return (
    <table className="data-table">
      <caption>Vignettes and what is saved for each</caption>
      <thead>
        <tr>
          <th scope="col">Vignette</th>
          <th scope="col">Answering</th>
          <th scope="col">Words</th>
          <th scope="col">Revision</th>
          <th scope="col">Last saved ({overview.timeZone})</th>
          <th scope="col">Versions kept</th>
        </tr>
      </thead>
      <tbody>
        {overview.responses.map((r) => (
          <tr key={r.vignette}>
            <th scope="row">
              {r.versions > 0 || r.revision !== null ? (
                <Link to={`${base}/${r.vignette}`}>
                  Vignette {r.vignette}: {r.title}
                </Link>
              ) : (
                `Vignette ${r.vignette}: ${r.title}`
              )}
            </th>
            <td>{r.chosen ? 'Chosen' : 'Not chosen'}</td>
            <td>{r.words ?? '—'}</td>
            <td>{r.revision ?? '—'}</td>
            <td>{r.savedAt ? savedAtText(r.savedAt, overview.timeZone) : 'Nothing saved'}</td>
            <td>{r.versions}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
