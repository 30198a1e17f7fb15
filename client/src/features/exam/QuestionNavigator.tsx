import type { AnswerState } from './exam-state';

function describe(position: number, answer: AnswerState | undefined, current: boolean): string {
  const parts = [`Question ${position}`, answer?.choice != null ? 'answered' : 'unanswered'];
  if (answer?.flagged) parts.push('flagged');
  if (current) parts.push('current');
  return parts.join(', ');
}

/** A grid of every question, showing answered, unanswered, flagged and current at a glance. */
export function QuestionNavigator(props: {
  total: number;
  current: number;
  answers: Record<number, AnswerState>;
  onGo(position: number): void;
}) {
  const positions = Array.from({ length: props.total }, (_, i) => i + 1);
  return (
    <nav aria-label="Questions" className="navigator">
      <ol>
        {positions.map((position) => {
          const answer = props.answers[position];
          const classes = ['nav-cell'];
          if (answer?.choice != null) classes.push('nav-answered');
          if (answer?.flagged) classes.push('nav-flagged');
          return (
            <li key={position}>
              <button
                type="button"
                className={classes.join(' ')}
                aria-current={position === props.current ? 'step' : undefined}
                aria-label={describe(position, answer, position === props.current)}
                onClick={() => props.onGo(position)}
              >
                {position}
                {answer?.flagged ? (
                  <span className="nav-flag" aria-hidden="true">
                    ⚑
                  </span>
                ) : null}
              </button>
            </li>
          );
        })}
      </ol>
      <p className="nav-legend">Filled: answered. ⚑: flagged for review.</p>
    </nav>
  );
}
