import { useState, type FormEvent } from 'react';
import type { CalibrationSettings } from '@exam/shared/api';
import { useSaver } from '../../lib/use-load';
import { FormError, StatusMessage } from '../../ui/FormError';
import { TextField } from '../../ui/TextField';
import { saveCalibrationSettings } from './calibration.api';

const fields: { key: keyof CalibrationSettings; label: string; hint?: string }[] = [
  { key: 'qualificationSetSize', label: 'Responses in a qualification set' },
  { key: 'qualificationExactPercent', label: 'Exact agreement to qualify (%)' },
  { key: 'qualificationAdjacentPercent', label: 'Adjacent agreement to qualify (%)' },
  { key: 'qualificationValidDays', label: 'Days a qualification lasts' },
  { key: 'seedEvery', label: 'One seeded response in every', hint: 'e.g. 10: one in ten.' },
  { key: 'seedWindow', label: 'Seeded responses in the rolling window' },
  {
    key: 'seedMinimum',
    label: 'Seeded responses before a pause can happen',
    hint: 'No grader is paused on fewer seeds than this.',
  },
  { key: 'seedExactPercent', label: 'Exact agreement with seeds to keep scoring (%)' },
  { key: 'seedAdjacentPercent', label: 'Adjacent agreement with seeds to keep scoring (%)' },
];

/** The programme's calibration rules: qualification sets, seeding rate and the pause threshold. */
export function CalibrationSettingsForm({ initial }: { initial: CalibrationSettings }) {
  const save = useSaver();
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(fields.map((f) => [f.key, String(initial[f.key])])),
  );
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setStatus(null);
    const input = Object.fromEntries(
      fields.map((f) => [f.key, Number(values[f.key])]),
    ) as CalibrationSettings;
    const saved = await save(() => saveCalibrationSettings(input));
    if (saved.ok) setStatus('Saved the calibration settings.');
    else setError(saved.message);
  }

  return (
    <form
      className="form"
      aria-labelledby="calibration-settings-heading"
      onSubmit={(e) => void submit(e)}
    >
      <h2 id="calibration-settings-heading">Calibration settings</h2>
      {fields.map((f) => (
        <TextField
          key={f.key}
          label={f.label}
          {...(f.hint ? { hint: f.hint } : {})}
          type="number"
          inputMode="numeric"
          required
          value={values[f.key] ?? ''}
          onChange={(v) => setValues({ ...values, [f.key]: v })}
        />
      ))}
      <FormError message={error} />
      <StatusMessage message={status} />
      <button type="submit">Save settings</button>
    </form>
  );
}
