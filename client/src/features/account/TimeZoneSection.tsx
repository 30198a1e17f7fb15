import { useState, type FormEvent } from 'react';
import { messageOf } from '../../lib/api';
import { formatDate } from '../../lib/dates';
import { useLoad } from '../../lib/use-load';
import { FormError } from '../../ui/FormError';
import { fetchTimeZone, saveTimeZone } from './account.api';

const zones = Intl.supportedValuesOf('timeZone');
const FOLLOW = '';

/**
 * The user's own time zone: every date on their pages and in their mail is shown in it. Empty
 * follows the association's zone (named, so the choice is informed).
 */
export function TimeZoneSection({ onSaved }: { onSaved(): void }) {
  const current = useLoad(fetchTimeZone, []);
  const [choice, setChoice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (current.state.status === 'loading') return <p>Loading…</p>;
  if (current.state.status === 'failed') return <p role="alert">{current.state.message}</p>;
  const { timeZone, associationTimeZone, effective } = current.state.data;
  const value = choice ?? timeZone ?? FOLLOW;

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const saved = await saveTimeZone(value === FOLLOW ? null : value);
      current.set(saved);
      setChoice(null);
      onSaved();
    } catch (failure) {
      setError(messageOf(failure));
    }
  }

  return (
    <form className="form narrow" onSubmit={(event) => void save(event)} noValidate>
      <div className="field">
        <label htmlFor="account-time-zone">Your time zone</label>
        <select
          id="account-time-zone"
          value={value}
          onChange={(event) => setChoice(event.target.value)}
        >
          <option value={FOLLOW}>My association’s ({associationTimeZone})</option>
          {zones.map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
      </div>
      <FormError message={error} />
      <button type="submit">Save time zone</button>
      {/* Stated from what the server holds, so it survives the session reload a save triggers. */}
      <p>
        Dates and times are shown in {effective}
        {timeZone === null ? ', your association’s zone' : ''}: now is{' '}
        {formatDate(new Date(), effective)}.
      </p>
    </form>
  );
}
