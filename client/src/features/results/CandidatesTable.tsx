import type { ResultOutcome, ReviewedCandidate } from '@exam/shared/api';
import { gradingRoleLabels, readingStatusLabels, variantLabels } from '../../lib/labels';
import { ReopenReading } from './ReopenReading';

export const outcomeLabels: Record<ResultOutcome, string> = {
  passed: 'Passed',
  failed: 'Not passed',
  pending: 'Pending',
  'not-sat': 'Did not sit',
};

const statusLabels = {
  reading: 'with first readers',
  adjudicating: 'with third reader',
  final: 'final',
};

/**
 * Every enrolled candidate, with identity joined back to their scores; before release, each
 * submitted reading can be reopened.
 */
export function CandidatesTable({
  candidates,
  canReopen,
  onReopened,
}: {
  candidates: readonly ReviewedCandidate[];
  canReopen: boolean;
  onReopened(message: string): void;
}) {
  return (
    <table className="data-table">
      <caption>Candidates</caption>
      <thead>
        <tr>
          <th scope="col">Candidate</th>
          <th scope="col">Variant</th>
          <th scope="col">Part One</th>
          <th scope="col">Part Two responses</th>
          <th scope="col">Part Two</th>
          <th scope="col">Overall</th>
        </tr>
      </thead>
      <tbody>
        {candidates.map((c) => (
          <tr key={c.candidateId}>
            <th scope="row">
              {c.name}
              <span className="hint">
                {' '}
                {c.email}, {c.endorsement}
              </span>
            </th>
            <td>{c.variant ? variantLabels[c.variant] : '–'}</td>
            <td>
              {c.partOne
                ? `${c.partOne.correct} of ${c.partOne.total} (${c.partOne.passed ? 'passed' : 'not passed'})`
                : '–'}
            </td>
            <td>
              {c.partTwo.responses.length === 0 ? (
                '–'
              ) : (
                <ul className="plain-list">
                  {c.partTwo.responses.map((r) => (
                    <li key={r.code}>
                      {r.code}: {r.vignetteTitle},{' '}
                      {r.total === null
                        ? `${statusLabels[r.status]} (${r.readingsSubmitted} reading(s) in)`
                        : `${r.total} of ${r.max}${r.adjudicated ? ', adjudicated' : ''}${r.passed ? '' : ', below the passing rule'}`}
                      <ul className="plain-list">
                        {r.readings.map((reading) => (
                          // Focus lands here after a reopen (see ReopenReading).
                          <li key={reading.graderId} data-reading tabIndex={-1}>
                            {reading.graderName}, {gradingRoleLabels[reading.role].toLowerCase()}:{' '}
                            {readingStatusLabels[reading.status].toLowerCase()}
                            {canReopen && reading.status === 'submitted' && (
                              <>
                                {' '}
                                <ReopenReading
                                  code={r.code}
                                  graderId={reading.graderId}
                                  graderName={reading.graderName}
                                  onReopened={onReopened}
                                />
                              </>
                            )}
                          </li>
                        ))}
                      </ul>
                    </li>
                  ))}
                </ul>
              )}
              {c.partTwo.missing > 0 && <p className="hint">{c.partTwo.missing} missing</p>}
            </td>
            <td>{outcomeLabels[c.partTwo.outcome]}</td>
            <td>
              <strong>{outcomeLabels[c.overall]}</strong>
              {c.heldLateChanges > 0 && (
                <span className="hint">
                  {' '}
                  (provisional: {c.heldLateChanges} late change
                  {c.heldLateChanges === 1 ? '' : 's'} undecided)
                </span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
