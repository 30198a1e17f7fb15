import { useId, useState } from 'react';
import { proctorReasonRequestSchema } from '@exam/shared/api';
import type { Incident, ProctorCandidate, ProctorRoomPause } from '@exam/shared/protocol';
import { ApiError } from '../../lib/api';
import { ActionDialog } from '../../ui/ActionDialog';
import { TextField } from '../../ui/TextField';
import { CreditDialog } from './CreditDialog';
import { causeBody, emptyCause, IncidentCause, pauseIncidentOf } from './IncidentCause';
import { IncidentDialog } from './IncidentDialog';
import { LedgerDialog } from './LedgerDialog';
import { actOnCandidate, setRoomPaused } from './proctoring.api';
import { ResumeCodeDialog } from './ResumeCodeDialog';

type ReasonKind = 'pause' | 'resume' | 'end';
type RoomKind = 'room-pause' | 'room-resume';

export type DialogRequest =
  | {
      kind: ReasonKind | 'admit' | 'extend' | 'credit' | 'code' | 'ledger';
      candidate: ProctorCandidate;
    }
  | { kind: RoomKind }
  | { kind: 'incident'; candidate: ProctorCandidate | null };

type ReasonRequest = { kind: ReasonKind; candidate: ProctorCandidate } | { kind: RoomKind };

export interface DialogProps {
  sittingId: string;
  timeZone: string;
  candidates: readonly ProctorCandidate[];
  /** The sitting's incidents: a clock action links to the one that caused it. */
  incidents: readonly Incident[];
  /** The whole room's pause in force: the room's resume answers its incident. */
  roomPause?: ProctorRoomPause | null;
  /** A candidate row an action returned: shown before the push confirms it. */
  onApplied(candidate: ProctorCandidate): void;
  /** Called when the dialog closes, with what to announce (null when cancelled). */
  onDone(message: string | null): void;
}

function causeProblem(body: object): string | null {
  const parsed = proctorReasonRequestSchema.safeParse(body);
  return parsed.success ? null : `Reason: ${parsed.error.issues[0]?.message ?? 'check it.'}`;
}

/** Reason-only actions on one candidate or the whole room, with the words each needs. */
function ReasonDialog(props: DialogProps & { request: ReasonRequest }) {
  const { request } = props;
  // A resume answers the pause's incident unless the proctor chooses otherwise.
  const [cause, setCause] = useState(() => {
    if (request.kind !== 'resume' && request.kind !== 'room-resume') return emptyCause;
    // The room's resume answers the incident the room's pause is stored with.
    const roomIncident = request.kind === 'room-resume' ? props.roomPause?.incident?.id : undefined;
    if (roomIncident && props.incidents.some((i) => i.id === roomIncident))
      return { ...emptyCause, incidentId: roomIncident };
    const paused = new Set(
      props.candidates.filter((c) => c.state === 'paused').map((c) => c.enrolmentId),
    );
    const enrolmentId = 'candidate' in request ? request.candidate.enrolmentId : null;
    return { ...emptyCause, incidentId: pauseIncidentOf(props.incidents, enrolmentId, paused) };
  });
  const name = 'candidate' in request ? request.candidate.name : 'the whole room';
  const texts = {
    pause: { title: `Pause ${name}`, confirm: 'Pause', done: `Paused ${name}.` },
    resume: { title: `Resume ${name}`, confirm: 'Resume', done: `Resumed ${name}.` },
    end: {
      title: `End ${name}'s attempt`,
      confirm: 'End the attempt',
      done: `Ended ${name}'s attempt.`,
    },
    'room-pause': { title: 'Pause the whole room', confirm: 'Pause everyone', done: '' },
    'room-resume': { title: 'Resume the whole room', confirm: 'Resume everyone', done: '' },
  }[request.kind];

  async function confirm(): Promise<string> {
    if (!('candidate' in request)) {
      const pause = request.kind === 'room-pause';
      const { changed, keptPaused } = await setRoomPaused(props.sittingId, pause, causeBody(cause));
      const done = `${pause ? 'Paused' : 'Resumed'} ${changed} ${changed === 1 ? 'candidate' : 'candidates'}.`;
      if (keptPaused.length === 0) return done;
      return `${done} Still paused for their own incident: ${keptPaused.join(', ')}; resume them from their row.`;
    }
    props.onApplied(
      await actOnCandidate(request.candidate.enrolmentId, {
        kind: request.kind,
        ...causeBody(cause),
      }),
    );
    return texts.done;
  }

  return (
    <ActionDialog
      title={texts.title}
      confirmLabel={texts.confirm}
      danger={request.kind === 'end'}
      validate={() => causeProblem(causeBody(cause))}
      onConfirm={confirm}
      onDone={props.onDone}
    >
      {request.kind === 'end' && (
        <p>Every open part closes now and cannot be reopened. Answers saved so far are kept.</p>
      )}
      {(request.kind === 'pause' || request.kind === 'room-pause') && (
        <p>The clock stops until you resume; the candidate sees that the exam is paused.</p>
      )}
      <IncidentCause
        incidents={props.incidents}
        enrolmentId={'candidate' in request ? request.candidate.enrolmentId : null}
        timeZone={props.timeZone}
        value={cause}
        onChange={setCause}
      />
    </ActionDialog>
  );
}

function AdmitDialog(props: DialogProps & { candidate: ProctorCandidate }) {
  const [checked, setChecked] = useState(false);
  // Shown once the server says the candidate is past the late cutoff (LATE_ARRIVAL): only then
  // does admission need a reason, kept on the audit entry.
  const [late, setLate] = useState(false);
  const [reason, setReason] = useState('');
  const id = useId();
  const { candidate } = props;
  return (
    <ActionDialog
      title={`Admit ${candidate.name}`}
      confirmLabel="Admit"
      validate={() => {
        if (!checked) return 'Confirm that you have checked their identity first.';
        if (late && reason.trim().length < 3) return 'Give a reason for admitting them late.';
        return null;
      }}
      onConfirm={async () => {
        try {
          props.onApplied(
            await actOnCandidate(candidate.enrolmentId, {
              kind: 'admit',
              ...(late ? { reason: reason.trim() } : {}),
            }),
          );
        } catch (failure) {
          if (failure instanceof ApiError && failure.code === 'LATE_ARRIVAL') setLate(true);
          throw failure;
        }
        return `Admitted ${candidate.name}.`;
      }}
      onDone={props.onDone}
    >
      <p>
        Check {candidate.name}&apos;s photo identification ({candidate.email}) before admitting.
        Their screen updates at once.
      </p>
      <div className="field checkbox-field">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          onChange={(e) => setChecked(e.target.checked)}
        />
        <label htmlFor={id}>I have checked {candidate.name}&apos;s identity</label>
      </div>
      {late && (
        <TextField
          label="Reason for admitting late"
          hint="They arrived after the late cutoff; the reason is kept in the audit log."
          value={reason}
          onChange={setReason}
        />
      )}
    </ActionDialog>
  );
}

function ExtendDialog(props: DialogProps & { candidate: ProctorCandidate }) {
  const [minutes, setMinutes] = useState('5');
  const [cause, setCause] = useState(emptyCause);
  const { candidate } = props;
  const value = Number(minutes);
  return (
    <ActionDialog
      title={`Add time for ${candidate.name}`}
      confirmLabel="Add time"
      validate={() =>
        Number.isInteger(value) && value >= 1 && value <= 240
          ? causeProblem(causeBody(cause))
          : 'Minutes: enter a whole number from 1 to 240.'
      }
      onConfirm={async () => {
        props.onApplied(
          await actOnCandidate(candidate.enrolmentId, {
            kind: 'extend',
            minutes: value,
            ...causeBody(cause),
          }),
        );
        return `Added ${value} ${value === 1 ? 'minute' : 'minutes'} for ${candidate.name}.`;
      }}
      onDone={props.onDone}
    >
      <p>The time is added to the part {candidate.name} is in now.</p>
      <TextField
        label="Minutes to add"
        type="number"
        inputMode="numeric"
        min={1}
        max={240}
        value={minutes}
        onChange={setMinutes}
      />
      <IncidentCause
        incidents={props.incidents}
        enrolmentId={candidate.enrolmentId}
        timeZone={props.timeZone}
        value={cause}
        onChange={setCause}
      />
    </ActionDialog>
  );
}

/** The dialog for whichever action the proctor chose. */
export function DashboardDialog(props: DialogProps & { request: DialogRequest }) {
  const { request } = props;
  switch (request.kind) {
    case 'admit':
      return <AdmitDialog {...props} candidate={request.candidate} />;
    case 'extend':
      return <ExtendDialog {...props} candidate={request.candidate} />;
    case 'credit':
      return <CreditDialog {...props} candidate={request.candidate} />;
    case 'code':
      return <ResumeCodeDialog {...props} candidate={request.candidate} />;
    case 'incident':
      return <IncidentDialog {...props} candidate={request.candidate} />;
    case 'ledger':
      return <LedgerDialog {...props} candidate={request.candidate} />;
    case 'pause':
    case 'resume':
    case 'end':
      return (
        <ReasonDialog {...props} request={{ kind: request.kind, candidate: request.candidate }} />
      );
    case 'room-pause':
    case 'room-resume':
      return <ReasonDialog {...props} request={{ kind: request.kind }} />;
  }
}
