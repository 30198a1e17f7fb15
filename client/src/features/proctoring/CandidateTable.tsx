import type { ProctorCandidate } from '@exam/shared/protocol';
import { useNow } from '../exam';
import type { DialogRequest } from './ActionDialogs';
import { connectionText, progressText, stateLabels, timeLeft } from './format';

const live = new Set(['part-one', 'part-two', 'paused', 'between-parts', 'admitted']);

/** The actions that fit a candidate's state, most likely first. */
function actionsFor(candidate: ProctorCandidate): { kind: DialogRequest['kind']; label: string }[] {
  const actions: { kind: DialogRequest['kind']; label: string }[] = [];
  const state = candidate.state;
  if (candidate.admittedAt === null) actions.push({ kind: 'admit', label: 'Admit' });
  if (state === 'part-one' || state === 'part-two') actions.push({ kind: 'pause', label: 'Pause' });
  if (state === 'paused') actions.push({ kind: 'resume', label: 'Resume' });
  if (candidate.attemptId && live.has(state)) {
    actions.push({ kind: 'extend', label: 'Add time' });
    actions.push({ kind: 'credit', label: 'Credit disconnect' });
    actions.push({ kind: 'code', label: 'Resume code' });
    actions.push({ kind: 'end', label: 'End attempt' });
  }
  if (candidate.attemptId) actions.push({ kind: 'ledger', label: 'Time ledger' });
  actions.push({ kind: 'incident', label: 'Incident' });
  return actions;
}

/** The live roster: one row per candidate, with the actions their state allows. */
export function CandidateTable(props: {
  candidates: readonly ProctorCandidate[];
  skewMs: number;
  timeZone: string;
  onAction(request: DialogRequest): void;
}) {
  const now = useNow(1000);
  return (
    <table className="proctor-table">
      <caption className="visually-hidden">Candidates in this sitting, updated live</caption>
      <thead>
        <tr>
          <th scope="col">Candidate</th>
          <th scope="col">Status</th>
          <th scope="col">Progress</th>
          <th scope="col">Time left</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {props.candidates.map((candidate) => (
          <tr key={candidate.enrolmentId} className={`state-${candidate.state}`}>
            <th scope="row">
              <span className="candidate-name">{candidate.name}</span>
              <span className="hint">
                {' '}
                {candidate.examEndorsement} · {candidate.email}
                {/* A retake by part: the proctor must not expect the other part. */}
                {candidate.parts?.length === 1 &&
                  ` · ${candidate.parts[0] === 1 ? 'Part One' : 'Part Two'} only (retake)`}
              </span>
            </th>
            <td>
              <span className="candidate-state">{stateLabels[candidate.state]}</span>
              <br />
              <span
                className={
                  candidate.connection.status === 'disconnected' ? 'connection-lost' : 'hint'
                }
              >
                {connectionText(candidate, props.timeZone)}
              </span>
            </td>
            <td>{progressText(candidate)}</td>
            <td className="time-left">{timeLeft(candidate.clock, now, props.skewMs)}</td>
            <td>
              <div className="row-actions">
                {actionsFor(candidate).map(({ kind, label }) => (
                  <button
                    key={kind}
                    type="button"
                    className={
                      kind === 'admit' || kind === 'pause' || kind === 'resume'
                        ? undefined
                        : 'secondary'
                    }
                    aria-label={`${label}: ${candidate.name}`}
                    onClick={() => props.onAction({ kind, candidate } as DialogRequest)}
                  >
                    {label}
                  </button>
                ))}
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
