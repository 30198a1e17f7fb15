import type { RoundSummary } from '@exam/shared/api';
import { figure, percent } from '../../lib/format';

/**
 * The server's outlier rule needs two other panelists to have an SD to measure against
 * (MIN_PANEL_FOR_OUTLIERS in server/src/modules/standard-setting/angoff.stats.ts).
 */
const MIN_PANEL_FOR_OUTLIERS = 3;

/**
 * One round's figures: each panelist's implied cut (the sum of their ratings), the panel mean,
 * SD (n - 1), SE, the recommended cut (mean rounded up) and the pass rate it implies on the
 * impact sitting. An outlier (more than 2 SDs of the other panelists from their mean) is marked
 * in words, not by colour alone.
 */
export function RoundTable({ round, itemCount }: { round: RoundSummary; itemCount: number }) {
  const headingId = `round-${round.round}-heading`;
  const judged = round.n >= MIN_PANEL_FOR_OUTLIERS;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId} tabIndex={-1}>
        Round {round.round}
      </h2>
      <table className="data-table">
        <caption>Round {round.round}: each panelist&apos;s implied cut</caption>
        <thead>
          <tr>
            <th scope="col">Panelist</th>
            <th scope="col">Items rated</th>
            <th scope="col">Implied cut</th>
            <th scope="col">z against the others</th>
            <th scope="col">Outlier</th>
          </tr>
        </thead>
        <tbody>
          {round.panelists.map((p) => (
            <tr key={p.userId}>
              <th scope="row">{p.name}</th>
              <td>
                {p.rated} of {itemCount}
              </td>
              <td>{p.impliedCut === null ? 'Not all items rated' : figure(p.impliedCut)}</td>
              <td>{figure(p.z)}</td>
              <td>
                {!judged || p.impliedCut === null
                  ? 'Not judged'
                  : p.outlier
                    ? "Yes: over 2 SD from the others' mean"
                    : 'No'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">
        Outlier rule: a panelist is an outlier when their implied cut lies more than 2 standard
        deviations of the other panelists away from the other panelists&apos; mean (z against the
        others above 2 or below −2). Measuring against the others lets a small panel show one:
        against the whole panel a panelist&apos;s own cut widens the SD, and with five or fewer
        panelists nobody could lie outside mean ± 2 SD.
        {!judged &&
          ` Outliers need at least three panelists who rated every item; this round has ${round.n}.`}
      </p>
      <dl className="figures">
        <div>
          <dt>Panelists counted</dt>
          <dd>{round.n}</dd>
        </div>
        <div>
          <dt>Mean cut</dt>
          <dd>{figure(round.mean)}</dd>
        </div>
        <div>
          <dt>SD (n − 1)</dt>
          <dd>{figure(round.sd)}</dd>
        </div>
        <div>
          <dt>Standard error of the cut</dt>
          <dd>{figure(round.se)}</dd>
        </div>
        <div>
          <dt>Recommended cut (mean rounded up)</dt>
          <dd>{round.recommendedCut ?? '–'}</dd>
        </div>
        <div>
          <dt>Pass rate at the recommended cut</dt>
          <dd>{round.passRate === null ? 'No impact data yet' : percent(round.passRate, 1)}</dd>
        </div>
      </dl>
    </section>
  );
}
