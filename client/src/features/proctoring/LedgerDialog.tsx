import { useEffect, useState } from 'react';
import { describeLedgerEntry } from '@exam/shared/domain';
import type { LedgerEntry, ProctorCandidate } from '@exam/shared/protocol';
import { messageOf } from '../../lib/api';
import { ActionDialog } from '../../ui/ActionDialog';
import type { DialogProps } from './ActionDialogs';
import { clockTime } from './format';
import { loadLedger } from './proctoring.api';

/** Who or what an entry came from, as the ledger shows it. */
function sourceOf(entry: LedgerEntry): string {
  if (entry.kind === 'accommodation')
    return `Accommodation${entry.actor ? `, ${entry.actor}` : ''}`;
  return entry.actor ?? 'Server (outage credit)';
}

/**
 * A candidate's time ledger: every event that moved their clock, with who, why and the
 * incident behind it. Accommodation changes after the attempt began appear here too.
 */
export function LedgerDialog(props: DialogProps & { candidate: ProctorCandidate }) {
  const { candidate } = props;
  const [entries, setEntries] = useState<LedgerEntry[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    loadLedger(candidate.enrolmentId).then(setEntries, (e: unknown) => setProblem(messageOf(e)));
  }, [candidate.enrolmentId]);
  const incidentNote = (id: string | null) =>
    id ? (props.incidents.find((i) => i.id === id)?.note ?? 'recorded incident') : '–';

  return (
    <ActionDialog
      title={`Time ledger for ${candidate.name}`}
      confirmLabel="Close"
      hideConfirm
      onConfirm={() => Promise.resolve(null)}
      onDone={props.onDone}
    >
      {problem && <p role="alert">{problem}</p>}
      {!entries && !problem && <p>Loading…</p>}
      {entries?.length === 0 && <p>Nothing on the ledger yet: the exam has not started.</p>}
      {entries && entries.length > 0 && (
        <table className="ledger-table">
          <caption className="visually-hidden">Clock events, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">Time ({props.timeZone})</th>
              <th scope="col">Change</th>
              <th scope="col">By</th>
              <th scope="col">Reason</th>
              <th scope="col">Incident</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td>{clockTime(entry.at, props.timeZone)}</td>
                <td>{describeLedgerEntry(entry)}</td>
                <td>{sourceOf(entry)}</td>
                <td>{entry.reason ?? '–'}</td>
                <td>{incidentNote(entry.incidentId)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ActionDialog>
  );
}
