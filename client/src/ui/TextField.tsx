import { useId } from 'react';
import type { InputHTMLAttributes } from 'react';
import { FieldProblemText, describedBy, type FieldProblem } from './field-problem';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange' | 'value'>;

interface TextFieldProps extends InputProps {
  label: string;
  value: string;
  onChange(value: string): void;
  /** Shown under the label and tied to the input with aria-describedby. */
  hint?: string;
  /** Said beside the input (aria-describedby): what this field still needs, or what is wrong. */
  problem?: FieldProblem;
}

/** A labelled text input; the label is always visible, never a placeholder. */
export function TextField({ label, value, onChange, hint, problem, ...input }: TextFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      <input
        {...input}
        id={id}
        value={value}
        aria-describedby={describedBy(hint ? hintId : undefined, problem && `${id}-problem`)}
        aria-invalid={problem?.invalid || undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      <FieldProblemText id={`${id}-problem`} problem={problem} />
    </div>
  );
}
