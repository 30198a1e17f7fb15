import { useEffect, useId, useState } from 'react';
import { durationText } from '@exam/shared/domain';
import { proctorReasonRequestSchema, type RecordedDisconnect } from '@exam/shared/api';
import type { ProctorCandidate } from '@exam/shared/protocol';
import { messageOf } from '../../lib/api';
import { ActionDialog } from '../../ui/ActionDialog';
import type { DialogProps } from './ActionDialogs';
import { clockTime } from './format';
import { causeBody, emptyCause, IncidentCause, type CauseValue } from './IncidentCause';
import { actOnCandidate, listDisconnects } from './proctoring.api';

function creditable(d: RecordedDisconnect): boolean {
  return d.credit === null && d.to !== null && d.runningMs > 0;
}

/**
 * Gives back the clock time a recorded disconnect cost. A single candidate's disconnect is
 * never credited automatically; the proctor picks it here and names the incident it answers
 * (or a reason, which records one), so the incident report shows the time given back.
 */
export function CreditDialog(props: DialogProps & { candidate: ProctorCandidate }) {
  const { candidate, timeZone } = props;
  const [disconnects, setDisconnects] = useState<RecordedDisconnect[] | null>(null);
  const [loadProblem, setLoadProblem] = useState<string | null>(null);
  const [chosen, setChosen] = useState<number | null>(null);
  // A disconnect is most often the network's doing; the proctor can say otherwise.
  const [cause, setCause] = useState<CauseValue>({ ...emptyCause, category: 'technical' });
  const name = useId();

  useEffect(() => {
    listDisconnects(candidate.enrolmentId).then(setDisconnects, (error: unknown) =>
      setLoadProblem(messageOf(error)),
    );
  }, [candidate.enrolmentId]);

  const describe = (d: RecordedDisconnect) => {
    const span = `${clockTime(d.from, timeZone)}–${d.to === null ? 'still away' : clockTime(d.to, timeZone)}`;
    const lost = d.part
      ? `${durationText(d.runningMs)} of Part ${d.part === 1 ? 'One' : 'Two'}`
      : 'clock not running';
    const status = d.credit
      ? `credited (${d.credit.reason})`
      : d.to === null
        ? 'credit once back'
        : d.runningMs > 0
          ? 'not credited'
          : 'nothing to credit';
    return `${span}: ${lost}, ${status}`;
  };

  return (
    <ActionDialog
      title={`Credit a disconnect for ${candidate.name}`}
      confirmLabel="Credit the time"
      validate={() => {
        if (chosen === null) return 'Choose the disconnect to credit.';
        const parsed = proctorReasonRequestSchema.safeParse(causeBody(cause));
        return parsed.success ? null : `Reason: ${parsed.error.issues[0]?.message ?? 'check it.'}`;
      }}
      onConfirm={async () => {
        const row = await actOnCandidate(candidate.enrolmentId, {
          kind: 'credit',
          disconnectId: chosen ?? 0,
          ...causeBody(cause),
        });
        props.onApplied(row);
        return `Credited the disconnect to ${candidate.name}.`;
      }}
      onDone={props.onDone}
    >
      {loadProblem && <p className="form-error">{loadProblem}</p>}
      {disconnects === null && !loadProblem && <p>Loading recorded disconnects…</p>}
      {disconnects?.length === 0 && <p>No disconnects are recorded for {candidate.name}.</p>}
      {disconnects && disconnects.length > 0 && (
        <fieldset>
          <legend>Recorded disconnects</legend>
          {disconnects.map((d) => (
            <label key={d.id} className="option">
              <input
                type="radio"
                name={name}
                value={d.id}
                disabled={!creditable(d)}
                checked={chosen === d.id}
                onChange={() => setChosen(d.id)}
              />{' '}
              {describe(d)}
            </label>
          ))}
        </fieldset>
      )}
      <IncidentCause
        incidents={props.incidents}
        enrolmentId={candidate.enrolmentId}
        timeZone={timeZone}
        value={cause}
        onChange={setCause}
      />
    </ActionDialog>
  );
}
