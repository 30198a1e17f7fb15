import { useState } from 'react';
import type { ExamClient } from './exam-client';
import type { ExamState } from './exam-state';
import { QuestionNavigator } from './QuestionNavigator';
import { QuestionView } from './QuestionView';
import { ReviewPanel } from './ReviewPanel';
import { useTimeUp } from './use-exam-client';
import { useOpenPosition } from './use-open-position';

/** Part One: one question at a time, a navigator, and a review before submitting. */
export function PartOneRunner({ client, state }: { client: ExamClient; state: ExamState }) {
  const total = state.questions.length;
  const [current, setCurrent] = useOpenPosition(
    state.attemptId,
    1,
    1,
    (position) => position >= 1 && position <= total,
  );
  const [reviewing, setReviewing] = useState(false);
  const question = state.questions[current - 1];
  const timeUp = useTimeUp(
    state.parts.find((p) => p.part === 1),
    state.skewMs,
  );

  const go = (position: number) => {
    setReviewing(false);
    setCurrent(Math.min(Math.max(position, 1), total));
  };

  const timeUpNotice = timeUp && (
    <p className="notice time-up" role="alert">
      Time is up. Your answers can no longer be changed; every answer you gave before time ran out
      is kept.
    </p>
  );

  if (reviewing) {
    return (
      <>
        {timeUpNotice}
        <ReviewPanel
          total={total}
          answers={state.answers}
          pendingCount={state.pendingCount}
          onGo={go}
          onBack={() => setReviewing(false)}
          onSubmit={() => client.submitPart(1)}
        />
      </>
    );
  }

  if (!question) return null;
  const answer = state.answers[current];
  return (
    <div className="runner">
      <div className="runner-main">
        {timeUpNotice}
        <QuestionView
          readOnly={timeUp}
          question={question}
          total={total}
          answer={answer}
          onChoose={(choice) => void client.changeAnswer(current, { choice })}
          onFlag={(flagged) => void client.changeAnswer(current, { flagged })}
          tools={client.itemTools('question', current)}
          onTools={(next) => void client.setItemTools('question', current, next)}
        />
        <div className="actions">
          <button
            type="button"
            className="secondary"
            onClick={() => go(current - 1)}
            disabled={current === 1}
          >
            Previous
          </button>
          {current < total ? (
            <button type="button" onClick={() => go(current + 1)}>
              Next
            </button>
          ) : null}
          <button type="button" className="secondary" onClick={() => setReviewing(true)}>
            Review and submit
          </button>
        </div>
      </div>
      <QuestionNavigator total={total} current={current} answers={state.answers} onGo={go} />
    </div>
  );
}
