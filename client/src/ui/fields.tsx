import { useId } from 'react';
import type { ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { FieldProblemText, describedBy, type FieldProblem } from './field-problem';

/** Labelled form controls (first written for the coordinator console); labels are always visible, hints tied by aria. */

export function SelectField(props: {
  label: string;
  value: string;
  onChange(value: string): void;
  options: readonly { value: string; label: string }[];
  hint?: string;
  /** Said beside the select (aria-describedby): what it still needs, or what is wrong. */
  problem?: FieldProblem;
  select?: Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'value' | 'onChange'>;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.hint && (
        <p id={`${id}-hint`} className="hint">
          {props.hint}
        </p>
      )}
      <select
        {...props.select}
        id={id}
        value={props.value}
        aria-describedby={describedBy(
          props.hint ? `${id}-hint` : undefined,
          props.problem && `${id}-problem`,
        )}
        aria-invalid={props.problem?.invalid || undefined}
        onChange={(e) => props.onChange(e.target.value)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldProblemText id={`${id}-problem`} problem={props.problem} />
    </div>
  );
}

export function TextAreaField(props: {
  label: string;
  value: string;
  onChange(value: string): void;
  hint?: string;
  rows?: number;
  textarea?: Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'value' | 'onChange'>;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.hint && (
        <p id={`${id}-hint`} className="hint">
          {props.hint}
        </p>
      )}
      <textarea
        {...props.textarea}
        id={id}
        rows={props.rows ?? 4}
        value={props.value}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </div>
  );
}

export function CheckboxField(props: {
  label: ReactNode;
  checked: boolean;
  onChange(checked: boolean): void;
  hint?: string;
}) {
  const id = useId();
  return (
    <div className="checkbox-field">
      <input
        type="checkbox"
        id={id}
        checked={props.checked}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      <label htmlFor={id}>{props.label}</label>
      {props.hint && (
        <p id={`${id}-hint`} className="hint">
          {props.hint}
        </p>
      )}
    </div>
  );
}

/** A group of checkboxes choosing several values. */
export function CheckboxGroup(props: {
  legend: string;
  options: readonly { value: string; label: ReactNode }[];
  selected: readonly string[];
  onChange(selected: string[]): void;
  empty?: string;
}) {
  const toggle = (value: string, on: boolean) =>
    props.onChange(on ? [...props.selected, value] : props.selected.filter((v) => v !== value));
  return (
    <fieldset className="checkbox-group">
      <legend>{props.legend}</legend>
      {props.options.length === 0 ? (
        <p className="hint">{props.empty ?? 'Nothing to choose from yet.'}</p>
      ) : (
        <ul>
          {props.options.map((o) => (
            <li key={o.value}>
              <CheckboxField
                label={o.label}
                checked={props.selected.includes(o.value)}
                onChange={(on) => toggle(o.value, on)}
              />
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

/** A native radio group. */
export function RadioGroup(props: {
  legend: string;
  name: string;
  value: string;
  options: readonly { value: string; label: string }[];
  onChange(value: string): void;
}) {
  return (
    <fieldset className="radio-group">
      <legend>{props.legend}</legend>
      {props.options.map((o) => (
        <label key={o.value} className="radio">
          <input
            type="radio"
            name={props.name}
            value={o.value}
            checked={props.value === o.value}
            onChange={() => props.onChange(o.value)}
          />{' '}
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

/** The loading and failure states every console page shows the same way. */
export function LoadState({
  state,
  what,
}: {
  state: { status: string; message?: string };
  what: string;
}) {
  if (state.status === 'loading') return <p role="status">Loading {what}…</p>;
  if (state.status === 'failed')
    return (
      <div role="alert" className="form-error">
        {state.message}
      </div>
    );
  return null;
}
