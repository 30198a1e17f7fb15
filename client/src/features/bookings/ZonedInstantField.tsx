import { useId } from 'react';
import { utcToZonedWallTime, zonedWallTimeToUtc } from '@exam/shared/domain';

/**
 * A date and a time typed in `zone` (named beside the fields), held as an ISO instant or null
 * when the date is left empty. The server keeps UTC; people think in their own zone.
 */
export function ZonedInstantField(props: {
  label: string;
  zone: string;
  value: string | null;
  onChange(value: string | null): void;
}) {
  const id = useId();
  const wall = props.value ? utcToZonedWallTime(new Date(props.value), props.zone) : null;
  const change = (date: string, time: string) =>
    props.onChange(
      date ? zonedWallTimeToUtc(date, time || '00:00', props.zone).toISOString() : null,
    );
  return (
    <fieldset className="zoned-instant">
      <legend>
        {props.label} <span className="hint">({props.zone})</span>
      </legend>
      <label htmlFor={`${id}-date`}>Date</label>
      <input
        id={`${id}-date`}
        type="date"
        value={wall?.date ?? ''}
        onChange={(e) => change(e.target.value, wall?.time ?? '00:00')}
      />
      <label htmlFor={`${id}-time`}>Time</label>
      <input
        id={`${id}-time`}
        type="time"
        value={wall?.time ?? ''}
        disabled={!wall}
        onChange={(e) => change(wall?.date ?? '', e.target.value)}
      />
    </fieldset>
  );
}
