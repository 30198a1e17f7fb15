import { useId, useRef, useState } from 'react';
import { recordIncidentRequestSchema } from '@exam/shared/api';
import {
  incidentCategorySchema,
  type IncidentCategory,
  type ProctorCandidate,
} from '@exam/shared/protocol';
import { ApiError } from '../../lib/api';
import { ActionDialog } from '../../ui/ActionDialog';
import type { DialogProps } from './ActionDialogs';
import { recordIncident } from './proctoring.api';

/** A category in a sentence ("incident: Fire alarm (Environment)"). */
export const categoryNames: Record<IncidentCategory, string> = {
  environment: 'Environment',
  candidate: 'Candidate',
  technical: 'Technical',
  other: 'Other',
};

/** A category where one is chosen, with what it covers. */
export const categoryLabels: Record<IncidentCategory, string> = {
  environment: 'Environment (room, noise, power)',
  candidate: 'Candidate (conduct, materials, health)',
  technical: 'Technical (device, network, software)',
  other: 'Other',
};

/** The request's fields, each a control of the dialog. */
type Field = 'enrolmentId' | 'category' | 'note';
const fields: readonly string[] = ['enrolmentId', 'category', 'note'] satisfies Field[];
const isField = (path: unknown): path is Field => typeof path === 'string' && fields.includes(path);

/** The field a refusal names (a validation failure's first field), if any. */
function refusedField(failure: unknown): Field | null {
  if (!(failure instanceof ApiError) || typeof failure.details !== 'object') return null;
  const named = (failure.details as { fields?: { path?: unknown }[] } | null)?.fields;
  const path = Array.isArray(named) ? named[0]?.path : undefined;
  return isField(path) ? path : null;
}

/** Records an incident about one candidate or the whole room. */
export function IncidentDialog(props: DialogProps & { candidate: ProctorCandidate | null }) {
  const [enrolmentId, setEnrolmentId] = useState(props.candidate?.enrolmentId ?? '');
  const [category, setCategory] = useState<IncidentCategory>('environment');
  const [note, setNote] = useState('');
  // The field the last problem was about: focus goes there, marked invalid and described by it.
  const [invalid, setInvalid] = useState<Field | null>(null);
  const ids = { who: useId(), category: useId(), note: useId(), error: useId() };
  const whoRef = useRef<HTMLSelectElement>(null);
  const categoryRef = useRef<HTMLSelectElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const request = { enrolmentId: enrolmentId || null, category, note };
  const problemOf = (field: Field) =>
    invalid === field ? { 'aria-invalid': true, 'aria-describedby': ids.error } : {};

  return (
    <ActionDialog
      title="Record an incident"
      confirmLabel="Record incident"
      errorId={ids.error}
      validate={() => {
        const parsed = recordIncidentRequestSchema.safeParse(request);
        const path = parsed.error?.issues[0]?.path[0];
        setInvalid(parsed.success ? null : isField(path) ? path : 'note');
        return parsed.success ? null : `Note: ${parsed.error.issues[0]?.message ?? 'check it.'}`;
      }}
      onConfirm={async () => {
        try {
          await recordIncident(props.sittingId, request);
        } catch (failure) {
          setInvalid(refusedField(failure));
          throw failure;
        }
        return 'Incident recorded.';
      }}
      focusOnProblem={() => {
        if (invalid === 'enrolmentId') return whoRef.current;
        if (invalid === 'category') return categoryRef.current;
        return invalid === 'note' ? noteRef.current : null;
      }}
      onDone={props.onDone}
    >
      <div className="field">
        <label htmlFor={ids.who}>Concerns</label>
        <select
          id={ids.who}
          ref={whoRef}
          value={enrolmentId}
          onChange={(e) => setEnrolmentId(e.target.value)}
          {...problemOf('enrolmentId')}
        >
          <option value="">The whole room</option>
          {props.candidates.map((c) => (
            <option key={c.enrolmentId} value={c.enrolmentId}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.category}>Category</label>
        <select
          id={ids.category}
          ref={categoryRef}
          value={category}
          onChange={(e) => setCategory(incidentCategorySchema.parse(e.target.value))}
          {...problemOf('category')}
        >
          {incidentCategorySchema.options.map((option) => (
            <option key={option} value={option}>
              {categoryLabels[option]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.note}>What happened</label>
        <textarea
          id={ids.note}
          ref={noteRef}
          rows={4}
          maxLength={2000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          {...problemOf('note')}
        />
      </div>
    </ActionDialog>
  );
}
