import { useMemo } from 'react';
import { applicationCycle, cyclesAround } from '@exam/shared/domain';
import { CheckboxField, SelectField } from '../../ui/fields';
import type { FieldProblem } from '../../ui/field-problem';
import { TextField } from '../../ui/TextField';
import type { SittingDraft } from './sitting-draft';

type Change = <K extends keyof SittingDraft>(key: K, value: SittingDraft[K]) => void;

function timeZones(current: string): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes(current) ? zones : [current, ...zones];
}

/** The fields here that can carry a problem said beside them. */
export type ScheduleProblems = Partial<Record<keyof SittingDraft, FieldProblem>>;

/** Name, cycle, when and where; each field says beside it what it still needs. */
export function ScheduleFields({
  draft,
  change,
  problems,
}: {
  draft: SittingDraft;
  change: Change;
  problems: ScheduleProblems;
}) {
  const cycles = useMemo(() => {
    const around = cyclesAround(new Date(), 4, 4);
    const current = draft.applicationCycle ? applicationCycle(draft.applicationCycle) : undefined;
    return current && !around.some((c) => c.id === current.id) ? [current, ...around] : around;
  }, [draft.applicationCycle]);
  const zones = useMemo(() => timeZones(draft.timeZone), [draft.timeZone]);

  return (
    <fieldset className="form-section">
      <legend>When and where</legend>
      <TextField
        label="Name"
        required
        value={draft.name}
        problem={problems.name}
        onChange={(v) => change('name', v)}
      />
      <SelectField
        label="Application cycle"
        hint="Candidates whose applications were due by this deadline sit this sitting."
        value={draft.applicationCycle}
        problem={problems.applicationCycle}
        onChange={(v) => change('applicationCycle', v)}
        options={[
          { value: '', label: 'Not chosen yet' },
          ...cycles.map((c) => ({ value: c.id, label: c.label })),
        ]}
      />
      <div className="field-row">
        <TextField
          label="Date"
          type="date"
          value={draft.date}
          problem={problems.date}
          onChange={(v) => change('date', v)}
        />
        <TextField
          label="Start time"
          type="time"
          value={draft.startTime}
          problem={problems.startTime}
          onChange={(v) => change('startTime', v)}
        />
        <TextField
          label="Start window (minutes)"
          type="number"
          inputMode="numeric"
          min={5}
          max={480}
          hint="How long after the start candidates may still begin."
          value={draft.startWindowMinutes}
          problem={problems.startWindowMinutes}
          onChange={(v) => change('startWindowMinutes', v)}
        />
      </div>
      <SelectField
        label="Time zone"
        hint="The date and start time are in this zone."
        value={draft.timeZone}
        problem={problems.timeZone}
        onChange={(v) => change('timeZone', v)}
        options={zones.map((z) => ({ value: z, label: z.replaceAll('_', ' ') }))}
      />
      <CheckboxField
        label="Remote sitting (candidates sit from home)"
        checked={draft.remote}
        onChange={(v) => change('remote', v)}
      />
      {!draft.remote && (
        <TextField
          label="Location"
          hint="Building, room and address."
          value={draft.location}
          problem={problems.location}
          onChange={(v) => change('location', v)}
        />
      )}
    </fieldset>
  );
}
