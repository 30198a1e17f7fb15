import { useId, useRef } from 'react';
import type { BankComment, CriterionScore, OtherReading, RubricCriterion } from '@exam/shared/api';
import { domainLabel } from '../../lib/labels';
import { BankCommentPicker } from './BankCommentPicker';

interface CriterionFieldProps {
  criterion: RubricCriterion;
  value: CriterionScore;
  readOnly: boolean;
  /** The first two readings, for the third reader only. */
  others: readonly OtherReading[];
  /** The comment bank's active comments (all domains and levels); filtered here. */
  bank: readonly BankComment[];
  onChange(value: CriterionScore): void;
}

/**
 * One rubric criterion: its four levels as radio buttons (arrow keys move between them, as
 * everywhere), each with its descriptor, and the evidence comment for the level chosen.
 */
export function CriterionField({
  criterion,
  value,
  readOnly,
  others,
  bank,
  onChange,
}: CriterionFieldProps) {
  const id = useId();
  const evidence = useRef<HTMLTextAreaElement>(null);
  return (
    <fieldset className="criterion">
      <legend>
        {criterion.title} <span className="hint">({domainLabel(criterion.domain)})</span>
      </legend>
      {others.length > 0 && (
        <table className="data-table readings-table">
          <caption>Readings so far</caption>
          <thead>
            <tr>
              <th scope="col">Reading</th>
              <th scope="col">Level</th>
              <th scope="col">Evidence</th>
            </tr>
          </thead>
          <tbody>
            {others.map((reading) => {
              const score = reading.scores.find((s) => s.criterionId === criterion.id);
              return (
                <tr key={reading.label}>
                  <th scope="row">{reading.label}</th>
                  <td>{score?.level ?? '–'}</td>
                  <td>{score?.comment}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <div className="levels">
        {criterion.levels.map((level) => {
          const inputId = `${id}-level-${level.score}`;
          return (
            <div key={level.score} className="level">
              <input
                type="radio"
                id={inputId}
                name={`${id}-level`}
                value={level.score}
                checked={value.level === level.score}
                disabled={readOnly}
                aria-describedby={`${inputId}-descriptor`}
                onChange={() => onChange({ ...value, level: level.score })}
              />
              <label htmlFor={inputId}>
                {level.score} {level.label}
              </label>
              <p id={`${inputId}-descriptor`} className="level-descriptor">
                {level.descriptor}
              </p>
            </div>
          );
        })}
      </div>
      <div className="field">
        <label htmlFor={`${id}-comment`}>Evidence for {criterion.title}</label>
        <textarea
          ref={evidence}
          id={`${id}-comment`}
          rows={3}
          value={value.comment}
          readOnly={readOnly}
          maxLength={4000}
          onChange={(event) => onChange({ ...value, comment: event.target.value })}
        />
      </div>
      {!readOnly && (
        <BankCommentPicker
          title={criterion.title}
          level={value.level}
          comments={bank.filter((c) => c.domain === criterion.domain && c.level === value.level)}
          onInsert={(text) => {
            const comment = value.comment.trim() ? `${value.comment.trimEnd()} ${text}` : text;
            onChange({ ...value, comment });
            // Straight to the evidence, to adapt what was inserted.
            evidence.current?.focus();
          }}
        />
      )}
    </fieldset>
  );
}
