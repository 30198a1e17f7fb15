import { Link } from 'react-router-dom';
import { useLoad } from '../../lib/use-load';
import { FormError } from '../../ui/FormError';
import { Page } from '../../ui/Page';
import { listResultSittings } from './results.api';

/** Every sitting with how far its grading has come; each links to its review. */
export function ResultsSittingsPage() {
  const { state } = useLoad((signal) => listResultSittings(signal), []);
  return (
    <Page title="Results">
      {state.status === 'loading' && <p role="status">Loading sittings…</p>}
      {state.status === 'failed' && <FormError message={state.message} />}
      {state.status === 'loaded' &&
        (state.data.length === 0 ? (
          <p>There are no sittings yet.</p>
        ) : (
          <table className="data-table">
            <caption className="visually-hidden">Sittings and their grading</caption>
            <thead>
              <tr>
                <th scope="col">Sitting</th>
                <th scope="col">Status</th>
                <th scope="col">Part Twos taken in</th>
                <th scope="col">Responses final</th>
                <th scope="col">With first readers</th>
                <th scope="col">Waiting for a third reader</th>
              </tr>
            </thead>
            <tbody>
              {state.data.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    <Link to={`/results/${s.id}`}>{s.name}</Link>
                  </th>
                  <td>{s.status}</td>
                  <td>{s.gradedAttempts}</td>
                  <td>
                    {s.responses.final} of {s.responses.total}
                  </td>
                  <td>{s.responses.awaitingReaders}</td>
                  <td>{s.responses.awaitingAdjudication}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </Page>
  );
}
