import { useId } from 'react';
import type { ScoreDistribution } from '@exam/shared/api';

const WIDTH = 480;
const HEIGHT = 180;
const BASELINE = 150;

/**
 * A histogram as SVG (no inline styles: the CSP forbids them; sizes are attributes) with the
 * same numbers in a table beside it, so the chart is never the only way to read them.
 */
export function ScoreChart({ distribution }: { distribution: ScoreDistribution }) {
  const id = useId();
  const max = Math.max(1, ...distribution.bins.map((b) => b.count));
  const slot = WIDTH / Math.max(1, distribution.bins.length);
  const summary = distribution.bins
    .filter((b) => b.count > 0)
    .map((b) => `${b.label}: ${b.count}`)
    .join(', ');
  return (
    <figure className="score-chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>
        <strong>{distribution.title}</strong> <span className="hint">{distribution.note}</span>
      </figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`${distribution.title}, ${distribution.unit} per band: ${summary || 'none yet'}.`}
        className="chart"
      >
        <line x1="0" y1={BASELINE} x2={WIDTH} y2={BASELINE} className="chart-axis" />
        {distribution.bins.map((bin, index) => {
          const height = (bin.count / max) * (BASELINE - 20);
          const x = index * slot + slot * 0.15;
          return (
            <g key={bin.label}>
              <rect
                x={x}
                y={BASELINE - height}
                width={slot * 0.7}
                height={height}
                className="chart-bar"
              />
              {bin.count > 0 && (
                <text x={x + slot * 0.35} y={BASELINE - height - 4} className="chart-count">
                  {bin.count}
                </text>
              )}
              <text x={x + slot * 0.35} y={BASELINE + 16} className="chart-label">
                {bin.label}
              </text>
            </g>
          );
        })}
      </svg>
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
