import { saveStatusText, type ExamState } from './exam-state';

const timeFormat = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Always visible, and only ever says "saved" when every change is acknowledged by the server. */
export function SaveIndicator({ state }: { state: ExamState }) {
  const ok =
    state.pendingCount === 0 &&
    state.heldAnswers + state.heldDrafts + state.heldChoices === 0 &&
    state.connection === 'open';
  return (
    <p
      className={ok ? 'save-indicator save-ok' : 'save-indicator save-waiting'}
      data-testid="save-indicator"
    >
      {saveStatusText(state, (ms) => timeFormat.format(ms))}
    </p>
  );
}
