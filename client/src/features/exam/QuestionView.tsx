import { useEffect, useRef } from 'react';
import type { Question } from '@exam/shared/protocol';
import type { AnswerState } from './exam-state';

const letters = ['A', 'B', 'C', 'D'];

/** One question: its options as a native radio group (arrow keys move and select), and a flag. */
export function QuestionView(props: {
  question: Question;
  total: number;
  answer: AnswerState | undefined;
  onChoose(choice: number | null): void;
  onFlag(flagged: boolean): void;
  /** Time is up: the question can be read but not changed. */
  readOnly?: boolean;
}) {
  const { question, total, answer } = props;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [question.position]);
  const name = `question-${question.position}`;
  return (
    <section className="question" aria-labelledby={`${name}-heading`}>
      <h2 id={`${name}-heading`} tabIndex={-1} ref={heading}>
        Question {question.position} of {total}
      </h2>
      <fieldset disabled={props.readOnly}>
        <legend className="question-stem">{question.stem}</legend>
        {question.options.map((option, index) => (
          <label key={index} className="option">
            <input
              type="radio"
              name={name}
              value={index}
              checked={answer?.choice === index}
              onChange={() => props.onChoose(index)}
            />
            <span className="option-letter">{letters[index]}.</span>{' '}
            <span className="option-text">{option}</span>
          </label>
        ))}
      </fieldset>
      <div className="question-tools">
        <label className="flag">
          <input
            type="checkbox"
            checked={answer?.flagged ?? false}
            disabled={props.readOnly}
            onChange={(e) => props.onFlag(e.target.checked)}
          />{' '}
          Flag for review
        </label>
        <button
          type="button"
          className="link-button"
          disabled={props.readOnly || answer?.choice == null}
          onClick={() => props.onChoose(null)}
        >
          Clear answer
        </button>
      </div>
    </section>
  );
}
