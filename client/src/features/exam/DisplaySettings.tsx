import type { ExamClient } from './exam-client';
import type { ExamState } from './exam-state';

/**
 * Larger text and high contrast, kept with the attempt. A setting given by an accommodation is
 * on and cannot be turned off here: it was decided with the candidate before the sitting, and
 * the proctor's view assumes it.
 */
export function DisplaySettings({ client, state }: { client: ExamClient; state: ExamState }) {
  const given = state.display;
  const chosen = state.preferredDisplay;
  const setting = (key: 'largeText' | 'highContrast', label: string) => (
    <label className="display-setting">
      <input
        type="checkbox"
        checked={given[key] || chosen[key]}
        disabled={given[key]}
        onChange={(event) => void client.setDisplay({ ...chosen, [key]: event.target.checked })}
      />{' '}
      {label}
      {given[key] && <span className="display-given"> (given by your accommodation)</span>}
    </label>
  );
  return (
    <details className="exam-display">
      <summary>Display settings</summary>
      <fieldset>
        <legend className="visually-hidden">Display settings</legend>
        {setting('largeText', 'Larger text')}
        {setting('highContrast', 'High contrast')}
      </fieldset>
    </details>
  );
}
