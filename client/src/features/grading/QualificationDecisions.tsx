import { useState, type FormEvent } from 'react';
import type { GraderQualificationRow } from '@exam/shared/api';
import { variantLabels } from '../../lib/labels';
import { useLoad, useSaver } from '../../lib/use-load';
import { FormError, StatusMessage } from '../../ui/FormError';
import { TextField } from '../../ui/TextField';
import { decideQualification, getQualificationOverview } from './calibration.api';
import { qualificationStateLabels } from './QualificationPage';

const roundsText = (row: GraderQualificationRow) =>
  row.rounds
    .map((r) =>
      r.status === 'open'
        ? `set ${r.round}: open`
        : `set ${r.round}: ${r.exactPercent ?? '–'}% exact, ${r.adjacentPercent ?? '–'}% adjacent`,
    )
    .join('; ') || '–';

/**
 * Every grader's standing per variant; after a failed retry the coordinator decides, with a
 * reason (qualify them anyway, or not), and the decision is audited on the server.
 */
export function QualificationDecisions() {
  const { state, set } = useLoad((signal) => getQualificationOverview(signal), []);
  // Said here: the decision form goes away with the decision it made.
  const [status, setStatus] = useState<string | null>(null);
  const decided = (message: string) => {
    setStatus(message);
    void getQualificationOverview().then(set, () => undefined);
  };
  return (
    <section aria-labelledby="qualifications-heading">
      <h2 id="qualifications-heading">Graders’ qualifications</h2>
      <StatusMessage message={status} />
      {state.status === 'loading' && <p role="status">Loading qualifications…</p>}
      {state.status === 'failed' && <FormError message={state.message} />}
      {state.status === 'loaded' && (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Grader</th>
              <th scope="col">Variant</th>
              <th scope="col">Standing</th>
              <th scope="col">Sets</th>
              <th scope="col">Decision</th>
            </tr>
          </thead>
          <tbody>
            {state.data.map((row) => (
              <tr key={`${row.graderId}-${row.variant}`}>
                <th scope="row">{row.displayName}</th>
                <td>{variantLabels[row.variant]}</td>
                <td>{qualificationStateLabels[row.state]}</td>
                <td>{roundsText(row)}</td>
                <td>
                  {row.state === 'awaiting-decision' ? (
                    <DecisionForm row={row} onDecided={decided} />
                  ) : (
                    row.note || '–'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function DecisionForm(props: { row: GraderQualificationRow; onDecided(message: string): void }) {
  const { row } = props;
  const save = useSaver();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const who = `${row.displayName}, ${variantLabels[row.variant]}`;

  async function decide(event: FormEvent, qualified: boolean) {
    event.preventDefault();
    setError(null);
    const done = await save(() =>
      decideQualification({ graderId: row.graderId, variant: row.variant, qualified, note }),
    );
    if (!done.ok) return setError(done.message);
    props.onDecided(`Recorded the decision for ${who}.`);
  }

  return (
    <form aria-label={`Decide for ${who}`} onSubmit={(e) => void decide(e, true)}>
      <TextField label={`Reason for ${who}`} required value={note} onChange={setNote} />
      <FormError message={error} />
      <button type="submit">Qualify</button>{' '}
      <button
        type="button"
        onClick={(e) => {
          if (note.trim()) void decide(e, false);
          else setError('Say why.');
        }}
      >
        Do not qualify
      </button>
    </form>
  );
}
