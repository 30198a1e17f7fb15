import { Link } from 'react-router-dom';
import type { RaterFigures } from '@exam/shared/api';
import { useLoad } from '../../lib/use-load';
import { FormError } from '../../ui/FormError';
import { Page } from '../../ui/Page';
import { getRaterMonitoring } from './rater-monitoring.api';

const pct = (share: number | null) => (share === null ? '–' : `${Math.round(share * 100)}%`);
const num = (value: number | null) => (value === null ? '–' : value.toFixed(2));

/**
 * Severity per week as a small SVG line: drawn here rather than with a chart library, as one
 * series of a few points needs no dependency. The table beside it carries the same figures
 * for screen readers; the drawing is marked as an image with a summary.
 */
function DriftChart({ grader }: { grader: RaterFigures }) {
  const points = grader.drift;
  if (points.length === 0) return <p>No paired readings yet.</p>;
  const width = 240;
  const height = 80;
  const x = (i: number) => (points.length === 1 ? width / 2 : (i / (points.length - 1)) * width);
  const y = (s: number) => height / 2 - Math.max(-2, Math.min(2, s)) * (height / 4);
  return (
    <figure>
      <svg
        role="img"
        aria-label={`Severity by week for ${grader.displayName}: the table below gives the values`}
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
      >
        <line
          x1={0}
          x2={width}
          y1={height / 2}
          y2={height / 2}
          stroke="currentColor"
          strokeDasharray="4 4"
        />
        <polyline
          fill="none"
          stroke="currentColor"
          strokeWidth={2}
          points={points.map((p, i) => `${x(i)},${y(p.severity)}`).join(' ')}
        />
      </svg>
      <table>
        <caption>Severity against co-readers by week (below zero: harsher)</caption>
        <thead>
          <tr>
            <th scope="col">Week of</th>
            <th scope="col">Severity</th>
            <th scope="col">Comparisons</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.week}>
              <td>{p.week}</td>
              <td>{p.severity.toFixed(2)}</td>
              <td>{p.comparisons}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** Coordinators: how each grader scores, against co-readers and seeded benchmarks. */
export function RaterMonitoringPage() {
  const { state } = useLoad((signal) => getRaterMonitoring(signal), []);
  return (
    <Page title="Rater monitoring">
      {state.status === 'loading' && <p role="status">Loading figures…</p>}
      {state.status === 'failed' && <FormError message={state.message} />}
      {state.status === 'loaded' && (
        <>
          <h2>Notifications</h2>
          {state.data.notifications.length === 0 ? (
            <p>Nothing needs your attention.</p>
          ) : (
            <ul>
              {state.data.notifications.map((n) => (
                <li key={`${n.createdAt}-${n.kind}`}>
                  {n.graderName ? `${n.graderName}: ` : ''}
                  {n.message}
                </li>
              ))}
            </ul>
          )}
          <h2>Graders</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">Grader</th>
                <th scope="col">Scored</th>
                <th scope="col">Minutes each</th>
                <th scope="col">Exact / adjacent with co-readers</th>
                <th scope="col">Quadratic weighted kappa (co-readers)</th>
                <th scope="col">Severity (co-readers)</th>
                <th scope="col">Exact / adjacent with seeds</th>
                <th scope="col">Severity (seeds)</th>
                <th scope="col">Third-reader rate</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {state.data.graders.map((g) => (
                <tr key={g.graderId}>
                  <th scope="row">{g.displayName}</th>
                  <td>{g.responsesScored}</td>
                  <td>{g.minutesPerResponse ?? '–'}</td>
                  <td>
                    {pct(g.coRaters.exact)} / {pct(g.coRaters.adjacent)}
                  </td>
                  <td>{num(g.coRaters.kappa)}</td>
                  <td>{num(g.coRaters.severity)}</td>
                  <td>
                    {pct(g.seeds.exact)} / {pct(g.seeds.adjacent)}
                  </td>
                  <td>{num(g.seeds.severity)}</td>
                  <td>{pct(g.thirdReaderRate)}</td>
                  <td>
                    {g.pauseId ? (
                      <Link to={`/rater-monitoring/pauses/${g.pauseId}`}>
                        Paused: review {g.displayName}
                      </Link>
                    ) : (
                      'Scoring'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>Drift</h2>
          {state.data.graders.map((g) => (
            <section key={g.graderId} aria-label={`Drift for ${g.displayName}`}>
              <h3>{g.displayName}</h3>
              <DriftChart grader={g} />
            </section>
          ))}
        </>
      )}
    </Page>
  );
}
