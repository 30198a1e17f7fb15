import { useId, useState } from 'react';
import { recordIncidentRequestSchema } from '@exam/shared/api';
import {
  incidentCategorySchema,
  type IncidentCategory,
  type ProctorCandidate,
} from '@exam/shared/protocol';
import { ActionDialog } from '../../ui/ActionDialog';
import type { DialogProps } from './ActionDialogs';
import { recordIncident } from './proctoring.api';

export const categoryLabels: Record<IncidentCategory, string> = {
  environment: 'Environment (room, noise, power)',
  candidate: 'Candidate (conduct, materials, health)',
  technical: 'Technical (device, network, software)',
  other: 'Other',
};

/** Records an incident about one candidate or the whole room. */
export function IncidentDialog(props: DialogProps & { candidate: ProctorCandidate | null }) {
  const [enrolmentId, setEnrolmentId] = useState(props.candidate?.enrolmentId ?? '');
  const [category, setCategory] = useState<IncidentCategory>('environment');
  const [note, setNote] = useState('');
  const ids = { who: useId(), category: useId(), note: useId() };
  const request = { enrolmentId: enrolmentId || null, category, note };

  return (
    <ActionDialog
      title="Record an incident"
      confirmLabel="Record incident"
      validate={() => {
        const parsed = recordIncidentRequestSchema.safeParse(request);
        return parsed.success ? null : `Note: ${parsed.error.issues[0]?.message ?? 'check it.'}`;
      }}
      onConfirm={async () => {
        await recordIncident(props.sittingId, request);
        return 'Incident recorded.';
      }}
      onDone={props.onDone}
    >
      <div className="field">
        <label htmlFor={ids.who}>Concerns</label>
        <select id={ids.who} value={enrolmentId} onChange={(e) => setEnrolmentId(e.target.value)}>
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
          value={category}
          onChange={(e) => setCategory(incidentCategorySchema.parse(e.target.value))}
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
          rows={4}
          maxLength={2000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </div>
    </ActionDialog>
  );
}
