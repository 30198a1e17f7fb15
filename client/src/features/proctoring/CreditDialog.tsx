import { useEffect, useId, useRef, useState } from 'react';
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
  const listRef = useRef<HTMLFieldSetElement>(null);
  const causeRef = useRef<HTMLSelectElement>(null);
  // Set once the proctor chooses or types anything: focus is theirs from then on.
  const touched = useRef(false);

  useEffect(() => {
    listDisconnects(candidate.enrolmentId).then(
      (list) => {
        const open = list.filter(creditable);
        if (open.length === 1 && !touched.current) setChosen(open[0]?.id ?? null);
        setDisconnects(list);
      },
      (error: unknown) => setLoadProblem(messageOf(error)),
    );
  }, [candidate.enrolmentId]);

  // The list arrives after the dialog opened and put focus on its first field, which left a
  // keyboard user past the disconnects: focus the first one to choose, or, when only one can be
  // credited (chosen above), the field that follows it.
  useEffect(() => {
    if (!disconnects || touched.current) return;
    const open = disconnects.filter(creditable).length;
    if (open === 1) causeRef.current?.focus();
    else if (open > 1)
      listRef.current?.querySelector<HTMLInputElement>('input:not(:disabled)')?.focus();
  }, [disconnects]);

  const choose = (id: number) => {
    touched.current = true;
    setChosen(id);
  };
  const changeCause = (value: CauseValue) => {
    touched.current = true;
    setCause(value);
  };

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

  /** Said politely once the list is in: what there is to choose, or what was chosen. */
  const status = () => {
    if (loadProblem) return '';
    if (disconnects === null) return 'Loading recorded disconnects…';
    if (disconnects.length === 0) return `No disconnects are recorded for ${candidate.name}.`;
    const open = disconnects.filter(creditable);
    const only = open.length === 1 ? open[0] : undefined;
    if (only && chosen === only.id)
      return `Only one disconnect can be credited, so it is chosen: ${describe(only)}.`;
    if (open.length === 0) return 'None of the recorded disconnects can be credited now.';
    return open.length === 1
      ? 'One disconnect can be credited.'
      : `${open.length} disconnects can be credited: choose one.`;
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
      <p role="status">{status()}</p>
      {disconnects && disconnects.length > 0 && (
        <fieldset ref={listRef}>
          <legend>Recorded disconnects</legend>
          {disconnects.map((d) => (
            <label key={d.id} className="option">
              <input
                type="radio"
                name={name}
                value={d.id}
                disabled={!creditable(d)}
                checked={chosen === d.id}
                onChange={() => choose(d.id)}
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
        onChange={changeCause}
        selectRef={causeRef}
      />
    </ActionDialog>
  );
}
