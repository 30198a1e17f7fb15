import type { AgreementFigures, SittingReviewResponse } from '@exam/shared/api';
import { figure, percent } from '../../lib/format';

function Rows({ figures }: { figures: readonly AgreementFigures[] }) {
  return figures.map((f) => (
    <tr key={f.label}>
      <th scope="row">{f.label}</th>
      <td>{f.comparisons}</td>
      <td>{percent(f.exact)}</td>
      <td>{percent(f.adjacent)}</td>
      <td>{figure(f.kappa)}</td>
      <td>{figure(f.meanSeverity)}</td>
    </tr>
  ));
}

/** Agreement of first readers: overall, per grader and per pair of graders. */
export function AgreementTable({ agreement }: { agreement: SittingReviewResponse['agreement'] }) {
  return (
    <>
      <p className="hint">
        Each comparison is one criterion of one response both first readers scored. Kappa is
        quadratic-weighted. Mean severity is the grader&apos;s level minus the other reader&apos;s:
        below zero scores harsher.
      </p>
      <table className="data-table">
        <caption>Agreement between graders</caption>
        <thead>
          <tr>
            <th scope="col">Who</th>
            <th scope="col">Comparisons</th>
            <th scope="col">Exact agreement</th>
            <th scope="col">Adjacent agreement</th>
            <th scope="col">Kappa</th>
            <th scope="col">Mean severity</th>
          </tr>
        </thead>
        <tbody>
          <Rows figures={[agreement.overall]} />
          <Rows figures={agreement.byGrader} />
          <Rows figures={agreement.byPair} />
        </tbody>
      </table>
    </>
  );
}
