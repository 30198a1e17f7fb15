import { useMemo } from 'react';
import { applicationCycle, cyclesAround } from '@exam/shared/domain';
import { CheckboxField, SelectField } from '../../ui/fields';
import { TextField } from '../../ui/TextField';
import type { SittingDraft } from './sitting-draft';

type Change = <K extends keyof SittingDraft>(key: K, value: SittingDraft[K]) => void;

function timeZones(current: string): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes(current) ? zones : [current, ...zones];
}

/** Name, cycle, when and where. */
export function ScheduleFields({ draft, change }: { draft: SittingDraft; change: Change }) {
  const cycles = useMemo(() => {
    const around = cyclesAround(new Date(), 4, 4);
    const current = draft.applicationCycle ? applicationCycle(draft.applicationCycle) : undefined;
    return current && !around.some((c) => c.id === current.id) ? [current, ...around] : around;
  }, [draft.applicationCycle]);
  const zones = useMemo(() => timeZones(draft.timeZone), [draft.timeZone]);

  return (
    <fieldset className="form-section">
      <legend>When and where</legend>
      <TextField label="Name" required value={draft.name} onChange={(v) => change('name', v)} />
      <SelectField
        label="Application cycle"
        hint="Candidates whose applications were due by this deadline sit this sitting."
        value={draft.applicationCycle}
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
          onChange={(v) => change('date', v)}
        />
        <TextField
          label="Start time"
          type="time"
          value={draft.startTime}
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
          onChange={(v) => change('startWindowMinutes', v)}
        />
      </div>
      <SelectField
        label="Time zone"
        hint="The date and start time are in this zone."
        value={draft.timeZone}
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
          onChange={(v) => change('location', v)}
        />
      )}
    </fieldset>
  );
}
