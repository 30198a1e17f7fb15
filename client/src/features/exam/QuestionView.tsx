import { useEffect, useRef } from 'react';
import type { Question } from '@exam/shared/protocol';
import type { AnswerState } from './exam-state';
import { toggleHighlight } from './highlights';
import { HighlightableText } from './HighlightableText';
import { HighlightControls } from './HighlightControls';
import { NotesPad } from './NotesPad';
import { noTools, type ToolsState } from './tools-sync';

const letters = ['A', 'B', 'C', 'D'];

/**
 * One question: its options as a native radio group (arrow keys move and select), a flag, and
 * the candidate's tools: strike out an option, highlight the stem, keep notes.
 */
export function QuestionView(props: {
  question: Question;
  total: number;
  answer: AnswerState | undefined;
  onChoose(choice: number | null): void;
  onFlag(flagged: boolean): void;
  tools?: ToolsState;
  onTools?(next: ToolsState): void;
  /** Time is up: the question can be read but not changed. */
  readOnly?: boolean;
}) {
  const { question, total, answer } = props;
  const tools = props.tools ?? noTools;
  const heading = useRef<HTMLHeadingElement>(null);
  const section = useRef<HTMLElement>(null);
  useEffect(() => heading.current?.focus(), [question.position]);
  const name = `question-${question.position}`;
  const change = (patch: Partial<ToolsState>) => props.onTools?.({ ...tools, ...patch });
  const strike = (index: number) =>
    change({
      struck: tools.struck.includes(index)
        ? tools.struck.filter((i) => i !== index)
        : [...tools.struck, index].sort(),
    });
  const highlight = (range: { field: string; start: number; end: number }) =>
    change({ highlights: toggleHighlight(tools.highlights, range) });

  return (
    <section
      className="question"
      aria-labelledby={`${name}-heading`}
      ref={section}
      data-highlight-root
    >
      <h2 id={`${name}-heading`} tabIndex={-1} ref={heading}>
        Question {question.position} of {total}
      </h2>
      <fieldset disabled={props.readOnly}>
        <legend className="question-stem">
          <HighlightableText
            text={question.stem}
            field="stem"
            highlights={tools.highlights}
            readOnly={props.readOnly}
            onHighlight={(range) => highlight({ field: 'stem', ...range })}
          />
        </legend>
        {question.options.map((option, index) => {
          const struck = tools.struck.includes(index);
          return (
            <div key={index} className={struck ? 'option-row struck' : 'option-row'}>
              <label className="option">
                <input
                  type="radio"
                  name={name}
                  value={index}
                  checked={answer?.choice === index}
                  onChange={() => props.onChoose(index)}
                />
                <span className="option-letter">{letters[index]}.</span>{' '}
                <span className="option-text">
                  {struck ? <s>{option}</s> : option}
                  {struck && <span className="visually-hidden"> (struck out)</span>}
                </span>
              </label>
              <button
                type="button"
                className="strike-button"
                aria-pressed={struck}
                onClick={() => strike(index)}
              >
                Strike<span className="visually-hidden"> out option {letters[index]}</span>
              </button>
            </div>
          );
        })}
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
        <HighlightControls
          root={section}
          readOnly={props.readOnly}
          hasHighlights={tools.highlights.length > 0}
          onHighlight={highlight}
          onClear={() => change({ highlights: [] })}
        />
      </div>
      <NotesPad
        key={question.position}
        id={`${name}-notes`}
        what={`question ${question.position}`}
        note={tools.note}
        readOnly={props.readOnly}
        onSave={(note) => change({ note })}
      />
    </section>
  );
}
