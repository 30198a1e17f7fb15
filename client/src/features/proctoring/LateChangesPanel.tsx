import { useCallback, useEffect, useState } from 'react';
import { decideLateChangeRequestSchema, type LateChangeView } from '@exam/shared/api';
import { messageOf } from '../../lib/api';
import { ActionDialog } from '../../ui/ActionDialog';
import { StatusMessage } from '../../ui/FormError';
import { TextField } from '../../ui/TextField';
import { clockTime } from './format';
import { decideLateChange, listLateChanges } from './late-changes.api';

/** hh:mm:ss in the sitting's time zone, named: seconds matter when comparing the evidence. */
function timeOf(at: number | null, timeZone: string): string {
  return at === null ? '–' : clockTime(at, timeZone, { seconds: true });
}

const statusLabels: Record<LateChangeView['status'], string> = {
  held: 'Held: undecided',
  accepted: 'Accepted',
  declined: 'Declined',
};

/**
 * Changes that reached the server after a candidate's time ran out, with the evidence to decide
 * them: when the device says the change was made, when the server last heard from it before,
 * when the change arrived, and the deadline. Accepting applies the change as if saved in time;
 * declining keeps it out. Both need a reason and are audited. Used on the proctor console and on
 * the coordinator's sitting page.
 */
export function LateChangesPanel({ sittingId, timeZone }: { sittingId: string; timeZone: string }) {
  const [changes, setChanges] = useState<LateChangeView[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [deciding, setDeciding] = useState<{
    change: LateChangeView;
    decision: 'accept' | 'decline';
  } | null>(null);
  const [announcement, setAnnouncement] = useState<string | null>(null);

  const load = useCallback(() => {
    listLateChanges(sittingId).then(
      (rows) => {
        setChanges(rows);
        setProblem(null);
      },
      (error: unknown) => setProblem(messageOf(error)),
    );
  }, [sittingId]);

  useEffect(() => {
    load();
    // Late changes arrive when a candidate reconnects; look again now and then.
    const timer = setInterval(load, 15_000);
    return () => clearInterval(timer);
  }, [load]);

  const undecided = changes?.filter((c) => c.status === 'held').length ?? 0;
  return (
    <section aria-labelledby="late-changes-heading" className="late-changes">
      <h2 id="late-changes-heading">Changes that arrived after time ran out</h2>
      <p className="hint">
        A change a candidate made before time ran out but that reached us after it (for example
        after a dropped connection) is held, never counted or thrown away, until you decide it.
        Results stay provisional until every one is decided.
      </p>
      <div className="actions">
        <button type="button" className="secondary" onClick={load}>
          Refresh late changes
        </button>
      </div>
      <StatusMessage message={announcement} />
      {problem && <p className="form-error">{problem}</p>}
      {changes === null && !problem && <p>Loading late changes…</p>}
      {changes?.length === 0 && <p>No changes arrived after time ran out.</p>}
      {changes && changes.length > 0 && (
        <table className="data-table">
          <caption>
            {undecided === 1 ? '1 change waits' : `${undecided} changes wait`} for a decision
          </caption>
          <thead>
            <tr>
              <th scope="col">Candidate</th>
              <th scope="col">Change</th>
              <th scope="col">Device says made</th>
              <th scope="col">Last heard from before</th>
              <th scope="col">Deadline</th>
              <th scope="col">Arrived</th>
              <th scope="col">Decision</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((change) => (
              <tr key={change.id}>
                <th scope="row">{change.candidateName}</th>
                <td>{change.summary}</td>
                <td>{timeOf(change.clientClaimedAt, timeZone)}</td>
                <td>{timeOf(change.lastContactAt, timeZone)}</td>
                <td>{timeOf(change.deadline, timeZone)}</td>
                <td>{timeOf(change.arrivedAt, timeZone)}</td>
                <td>
                  {change.status === 'held' ? (
                    <div className="actions">
                      <button
                        type="button"
                        aria-label={`Accept ${change.summary} for ${change.candidateName}`}
                        onClick={() => setDeciding({ change, decision: 'accept' })}
                      >
                        Accept
                      </button>
                      <button
                        type="button"
                        className="secondary"
                        aria-label={`Decline ${change.summary} for ${change.candidateName}`}
                        onClick={() => setDeciding({ change, decision: 'decline' })}
                      >
                        Decline
                      </button>
                    </div>
                  ) : (
                    `${statusLabels[change.status]} by ${change.decidedBy ?? 'unknown'}: ${change.reason ?? ''}`
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {deciding && (
        <DecisionDialog
          change={deciding.change}
          decision={deciding.decision}
          onDone={(message) => {
            setDeciding(null);
            if (message) setAnnouncement(message);
            load();
          }}
        />
      )}
    </section>
  );
}

function DecisionDialog(props: {
  change: LateChangeView;
  decision: 'accept' | 'decline';
  onDone(message: string | null): void;
}) {
  const { change, decision } = props;
  const [reason, setReason] = useState('');
  const verb = decision === 'accept' ? 'Accept' : 'Decline';
  return (
    <ActionDialog
      title={`${verb} a late change for ${change.candidateName}`}
      confirmLabel={decision === 'accept' ? 'Accept the change' : 'Decline the change'}
      danger={decision === 'decline'}
      validate={() => {
        const parsed = decideLateChangeRequestSchema.safeParse({ decision, reason });
        return parsed.success ? null : `Reason: ${parsed.error.issues[0]?.message ?? 'check it.'}`;
      }}
      onConfirm={async () => {
        await decideLateChange(change.id, { decision, reason });
        return `${decision === 'accept' ? 'Accepted' : 'Declined'}: ${change.summary} for ${change.candidateName}.`;
      }}
      onDone={props.onDone}
    >
      <p>
        {change.summary}.{' '}
        {decision === 'accept'
          ? 'It will count exactly as if it had been saved in time, and the score is recomputed.'
          : 'It will not count; the candidate will see that it was declined and why.'}
      </p>
      <TextField label="Reason" value={reason} onChange={setReason} required />
    </ActionDialog>
  );
}
