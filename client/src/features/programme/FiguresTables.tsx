import type { ProgrammeOverview } from '@exam/shared/api';
import { figure } from '../../lib/format';

/** Candidates per application cycle per association. */
export function CandidatesTable({ figures }: { figures: ProgrammeOverview }) {
  if (figures.candidatesPerCycle.length === 0) return <p>No candidates enrolled yet.</p>;
  return (
    <table>
      <caption>Candidates per application cycle</caption>
      <thead>
        <tr>
          <th scope="col">Association</th>
          <th scope="col">Application deadline</th>
          <th scope="col">Candidates</th>
        </tr>
      </thead>
      <tbody>
        {figures.candidatesPerCycle.map((c) => (
          <tr key={`${c.associationId}-${c.cycle ?? ''}`}>
            <th scope="row">{c.association}</th>
            <td>{c.cycle ?? 'No deadlines set'}</td>
            <td>{c.candidates}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Pass rates per association and endorsement, released results only. */
export function PassRatesTable({ figures }: { figures: ProgrammeOverview }) {
  if (figures.passRates.length === 0) return <p>No results released yet.</p>;
  return (
    <table>
      <caption>Pass rates (released results)</caption>
      <thead>
        <tr>
          <th scope="col">Association</th>
          <th scope="col">Endorsement</th>
          <th scope="col">Released</th>
          <th scope="col">Passed</th>
          <th scope="col">Pass rate</th>
        </tr>
      </thead>
      <tbody>
        {figures.passRates.map((p) => (
          <tr key={`${p.associationId}-${p.endorsement}`}>
            <th scope="row">{p.association}</th>
            <td>{p.endorsement}</td>
            <td>{p.released}</td>
            <td>{p.passed}</td>
            <td>{p.passRate === null ? '–' : `${figure(p.passRate, 1)}%`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Part One: each domain's mean percent correct per association and endorsement. */
export function DomainMeansTable({ figures }: { figures: ProgrammeOverview }) {
  if (figures.domainMeans.length === 0) return <p>No Part One results released yet.</p>;
  return (
    <table>
      <caption>Part One domain means (released results)</caption>
      <thead>
        <tr>
          <th scope="col">Association</th>
          <th scope="col">Endorsement</th>
          <th scope="col">Domain</th>
          <th scope="col">Candidates</th>
          <th scope="col">Mean percent correct</th>
        </tr>
      </thead>
      <tbody>
        {figures.domainMeans.map((d) => (
          <tr key={`${d.associationId}-${d.endorsement}-${d.domain}`}>
            <th scope="row">{d.association}</th>
            <td>{d.endorsement}</td>
            <td>{d.label}</td>
            <td>{d.candidates}</td>
            <td>{figure(d.meanPercent, 1)}%</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Part Two grading per association: scored, awaiting, and the median time to a final score. */
export function GradingTable({ figures }: { figures: ProgrammeOverview }) {
  return (
    <table>
      <caption>Grading progress and turnaround</caption>
      <thead>
        <tr>
          <th scope="col">Association</th>
          <th scope="col">Responses</th>
          <th scope="col">Scored</th>
          <th scope="col">Awaiting</th>
          <th scope="col">Median hours from close to final score</th>
        </tr>
      </thead>
      <tbody>
        {figures.grading.map((g) => (
          <tr key={g.associationId}>
            <th scope="row">{g.association}</th>
            <td>{g.responses}</td>
            <td>{g.scored}</td>
            <td>{g.awaiting}</td>
            <td>{figure(g.medianHoursToFinal, 1)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
