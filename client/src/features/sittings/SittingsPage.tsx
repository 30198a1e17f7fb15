import { Link } from 'react-router-dom';
import type { SittingSummary } from '@exam/shared/api';
import { sittingStatusLabels } from '../../lib/labels';
import { useLoad } from '../../lib/use-load';
import { ConsoleNav } from '../../shell/ConsoleNav';
import { LoadState } from '../../ui/fields';
import { Page } from '../../ui/Page';
import { listSittings } from './sittings.api';

/** "12 March 2027, 09:30 (America/Detroit)", or "Not scheduled yet". */
export function whenText(s: Pick<SittingSummary, 'date' | 'startTime' | 'timeZone'>): string {
  if (!s.date || !s.startTime) return 'Not scheduled yet';
  const day = new Date(`${s.date}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return `${day}, ${s.startTime} (${s.timeZone})`;
}

export function placeText(s: Pick<SittingSummary, 'remote' | 'location'>): string {
  return s.remote ? 'Remote' : (s.location ?? 'No place yet');
}

/** The coordinator's sittings, newest first, and the way to schedule another. */
export function SittingsPage() {
  const { state } = useLoad((signal) => listSittings(signal), []);
  return (
    <Page title="Sittings">
      <ConsoleNav />
      <p>
        <Link to="/coordinator/sittings/new" className="button-link">
          New sitting
        </Link>
      </p>
      <LoadState state={state} what="sittings" />
      {state.status === 'loaded' &&
        (state.data.length === 0 ? (
          <p>No sittings yet.</p>
        ) : (
          <table className="data-table">
            <caption className="visually-hidden">Sittings</caption>
            <thead>
              <tr>
                <th scope="col">Sitting</th>
                <th scope="col">Status</th>
                <th scope="col">Cycle</th>
                <th scope="col">Starts</th>
                <th scope="col">Place</th>
                <th scope="col">Candidates</th>
              </tr>
            </thead>
            <tbody>
              {state.data.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    <Link to={`/coordinator/sittings/${s.id}`}>{s.name}</Link>
                  </th>
                  <td>{sittingStatusLabels[s.status]}</td>
                  <td>{s.cycleLabel ?? '—'}</td>
                  <td>{whenText(s)}</td>
                  <td>{placeText(s)}</td>
                  <td>{s.enrolledCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </Page>
  );
}
