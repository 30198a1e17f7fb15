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
        value={String(value.extraTimePercent)}
        onChange={(v) => set({ extraTimePercent: Math.max(0, Math.min(200, Number(v) || 0)) })}
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
