import { lazy, Suspense, useId } from 'react';
import type { ScoreDistribution } from '@exam/shared/api';

// The chart library is loaded with the first chart, never with the candidate's pages.
const ScoreBars = lazy(() => import('./ScoreBars'));

/**
 * A histogram (Recharts) with the same numbers in a table beside it, so the chart is never the
 * only way to read them; the chart itself is one image whose name says the counts.
 */
export function ScoreChart({ distribution }: { distribution: ScoreDistribution }) {
  const id = useId();
  const summary = distribution.bins
    .filter((b) => b.count > 0)
    .map((b) => `${b.label}: ${b.count}`)
    .join(', ');
  return (
    <figure className="score-chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>
        <strong>{distribution.title}</strong> <span className="hint">{distribution.note}</span>
      </figcaption>
      <div
        role="img"
        aria-label={`${distribution.title}, ${distribution.unit} per band: ${summary || 'none yet'}.`}
        className="analysis-chart"
      >
        <Suspense fallback={null}>
          <ScoreBars distribution={distribution} />
        </Suspense>
      </div>
      <table className="data-table chart-table">
        <caption>{distribution.title}: the numbers</caption>
        <thead>
          <tr>
            <th scope="col">Band</th>
            <th scope="col">Number of {distribution.unit}</th>
          </tr>
        </thead>
        <tbody>
          {distribution.bins.map((bin) => (
            <tr key={bin.label}>
              <th scope="row">{bin.label}</th>
              <td>{bin.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
