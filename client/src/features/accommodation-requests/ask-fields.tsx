import type { AccommodationAsk } from '@exam/shared/api';
import { CheckboxField } from '../../ui/fields';
import { TextField } from '../../ui/TextField';

export const noAsk: AccommodationAsk = {
  extraTimePercent: 0,
  breaks: false,
  largeText: false,
  separateRoom: false,
  reader: false,
  other: null,
};

const EXTRA_TIME_MAX_PERCENT = 200;

/** What the extra-time field holds for what was typed: a whole percentage within the range. */
export function extraTimeFrom(typed: string): number {
  const n = Math.round(Number(typed));
  return Number.isFinite(n) ? Math.max(0, Math.min(EXTRA_TIME_MAX_PERCENT, n)) : 0;
}

/** "50% extra time; rest breaks; reader", for lists and the decision. */
export function describeAsk(ask: AccommodationAsk): string {
  const parts = [
    ask.extraTimePercent > 0 ? `${ask.extraTimePercent}% extra time` : null,
    ask.breaks ? 'rest breaks' : null,
    ask.largeText ? 'larger text' : null,
    ask.separateRoom ? 'separate room' : null,
    ask.reader ? 'reader' : null,
    ask.other ? `other: ${ask.other}` : null,
  ].filter((p): p is string => p !== null);
  return parts.length > 0 ? parts.join('; ') : 'nothing';
}

/** The accommodations as fields: the candidate's request and the coordinator's grant alike. */
export function AskFields(props: {
  value: AccommodationAsk;
  onChange(value: AccommodationAsk): void;
  legend: string;
}) {
  const { value, onChange } = props;
  const set = (patch: Partial<AccommodationAsk>) => onChange({ ...value, ...patch });
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      <TextField
        label="Extra time (% of each part)"
        type="number"
        inputMode="numeric"
        min={0}
        max={EXTRA_TIME_MAX_PERCENT}
        step={1}
        hint={`A whole number from 0 to ${EXTRA_TIME_MAX_PERCENT}: 50 is time and a half; more than ${EXTRA_TIME_MAX_PERCENT} is taken as ${EXTRA_TIME_MAX_PERCENT}.`}
        value={String(value.extraTimePercent)}
        onChange={(v) => set({ extraTimePercent: extraTimeFrom(v) })}
      />
      <CheckboxField
        label="Rest breaks"
        checked={value.breaks}
        onChange={(c) => set({ breaks: c })}
      />
      <CheckboxField
        label="Larger text"
        checked={value.largeText}
        onChange={(c) => set({ largeText: c })}
      />
      <CheckboxField
        label="A separate room"
        checked={value.separateRoom}
        onChange={(c) => set({ separateRoom: c })}
      />
      <CheckboxField label="A reader" checked={value.reader} onChange={(c) => set({ reader: c })} />
      <TextField
        label="Other (describe)"
        value={value.other ?? ''}
        onChange={(v) => set({ other: v.trim() === '' ? null : v })}
      />
    </fieldset>
  );
}
