import { useId, type Ref } from 'react';
import {
  incidentCategorySchema,
  type Incident,
  type IncidentCategory,
} from '@exam/shared/protocol';
import { TextField } from '../../ui/TextField';
import { clockTime } from './format';
import { categoryLabels } from './IncidentDialog';

/** What a pause, resume, extra time or termination names as its cause. */
export interface CauseValue {
  incidentId: string;
  reason: string;
  /** The category of the incident a reason records, when no incident is linked. */
  category: IncidentCategory;
}

export const emptyCause: CauseValue = { incidentId: '', reason: '', category: 'other' };

/** The request body for a cause: a linked incident, a reason (a new incident), or both. */
export function causeBody(cause: CauseValue): {
  incidentId?: string;
  reason?: string;
  category?: IncidentCategory;
} {
  if (!cause.incidentId) return { reason: cause.reason, category: cause.category };
  return {
    incidentId: cause.incidentId,
    ...(cause.reason.trim() ? { reason: cause.reason } : {}),
  };
}

/**
 * The incident whose pause is still in force, for a resume to answer: the newest pause of the
 * candidate (for the whole room, the newest pause a room-wide incident caused of a candidate
 * still paused). '' when there is none. Without it the proctor was asked for a reason again,
 * and a resume recorded a second incident for what was one interruption.
 */
export function pauseIncidentOf(
  incidents: readonly Incident[],
  enrolmentId: string | null,
  pausedIds: ReadonlySet<string>,
): string {
  let newest: { incidentId: string; entryId: number } | null = null;
  for (const incident of incidents) {
    if (enrolmentId === null && incident.enrolmentId !== null) continue;
    for (const entry of incident.effects) {
      if (entry.kind !== 'pause' || !pausedIds.has(entry.enrolmentId)) continue;
      if (enrolmentId !== null && entry.enrolmentId !== enrolmentId) continue;
      if (!newest || entry.id > newest.entryId)
        newest = { incidentId: incident.id, entryId: entry.id };
    }
  }
  return newest?.incidentId ?? '';
}

function shortNote(note: string): string {
  return note.length > 60 ? `${note.slice(0, 57)}…` : note;
}

/**
 * Choose the incident that caused an action, or describe a new one: every clock action on the
 * ledger links to an incident, so the incident report shows what each one did to the time.
 */
export function IncidentCause({
  selectRef,
  ...props
}: {
  incidents: readonly Incident[];
  /** The candidate acted on; null for the whole room (only room incidents fit then). */
  enrolmentId: string | null;
  timeZone: string;
  value: CauseValue;
  onChange(value: CauseValue): void;
  /** The "Caused by" list, for a dialog that moves focus to it. */
  selectRef?: Ref<HTMLSelectElement>;
}) {
  const id = useId();
  const categoryId = useId();
  const fitting = props.incidents.filter(
    (incident) => incident.enrolmentId === null || incident.enrolmentId === props.enrolmentId,
  );
  const linked = props.value.incidentId !== '';
  return (
    <>
      <div className="field">
        <label htmlFor={id}>Caused by</label>
        <select
          id={id}
          ref={selectRef}
          value={props.value.incidentId}
          onChange={(e) => props.onChange({ ...props.value, incidentId: e.target.value })}
        >
          <option value="">A new incident: the reason below records it</option>
          {fitting.map((incident) => (
            <option key={incident.id} value={incident.id}>
              {clockTime(incident.at, props.timeZone)} {incident.candidateName ?? 'Whole room'}:{' '}
              {shortNote(incident.note)}
            </option>
          ))}
        </select>
      </div>
      {!linked && (
        <div className="field">
          <label htmlFor={categoryId}>Incident category</label>
          <select
            id={categoryId}
            value={props.value.category}
            onChange={(e) =>
              props.onChange({
                ...props.value,
                category: incidentCategorySchema.parse(e.target.value),
              })
            }
          >
            {incidentCategorySchema.options.map((option) => (
              <option key={option} value={option}>
                {categoryLabels[option]}
              </option>
            ))}
          </select>
        </div>
      )}
      <TextField
        label="Reason"
        hint={
          linked
            ? 'Optional: the incident’s note is used when you leave this empty.'
            : 'Recorded as a new incident and kept on the time ledger.'
        }
        value={props.value.reason}
        onChange={(reason) => props.onChange({ ...props.value, reason })}
        maxLength={500}
        required={!linked}
      />
    </>
  );
}
