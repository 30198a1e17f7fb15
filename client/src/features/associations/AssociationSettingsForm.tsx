import { useState, type FormEvent } from 'react';
import type { Association, AssociationSettingsInput } from '@exam/shared/api';
import { messageOf } from '../../lib/api';
import { FormError, StatusMessage } from '../../ui/FormError';
import { TextField } from '../../ui/TextField';
import { LogoField } from './LogoField';

export const blankSettings: AssociationSettingsInput = {
  name: '',
  shortName: '',
  logo: null,
  contactEmail: '',
  timeZone: 'UTC',
  applicationDeadlines: ['01-31', '04-30', '07-31', '10-31'],
  retentionYears: 7,
  mailSender: null,
  checkInOpensMinutes: 30,
  lateCutoffMinutes: 15,
  retakeValidityMonths: 24,
  retakeWaitDays: 365,
  retakeMaxAttempts: 3,
  retakeRequestDays: 56,
};

type RuleKey =
  | 'checkInOpensMinutes'
  | 'lateCutoffMinutes'
  | 'retakeValidityMonths'
  | 'retakeWaitDays'
  | 'retakeMaxAttempts'
  | 'retakeRequestDays';

/** The sitting-clock and retake rules: whole numbers, each with what it decides. */
const ruleFields: readonly [RuleKey, string, string][] = [
  [
    'checkInOpensMinutes',
    'Check-in opens (minutes before start)',
    'The sitting opens itself then.',
  ],
  ['lateCutoffMinutes', 'Late cutoff (minutes after start)', 'Later arrivals need a proctor.'],
  ['retakeValidityMonths', 'Passed part valid (months)', 'While the other part is retaken.'],
  ['retakeWaitDays', 'Retake waiting period (days)', 'After the failed sitting.'],
  ['retakeMaxAttempts', 'Attempts per part', 'The first attempt included.'],
  ['retakeRequestDays', 'Retake request deadline (days before)', '56 days is eight weeks.'],
];

function settingsOf(association: Association): AssociationSettingsInput {
  const { id: _id, createdAt: _createdAt, ...settings } = association;
  return settings;
}

/**
 * One association's settings, for creating one (no `association`) or editing it. The server
 * validates every field again; its message is shown as it comes.
 */
export function AssociationSettingsForm(props: {
  association?: Association;
  submitLabel: string;
  onSave(settings: AssociationSettingsInput): Promise<Association>;
}) {
  const [draft, setDraft] = useState(
    props.association ? settingsOf(props.association) : blankSettings,
  );
  const [deadlines, setDeadlines] = useState(draft.applicationDeadlines.join(', '));
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof AssociationSettingsInput>(
    key: K,
    value: AssociationSettingsInput[K],
  ) => setDraft((d) => ({ ...d, [key]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      const saved = await props.onSave({
        ...draft,
        applicationDeadlines: deadlines.split(/[\s,]+/).filter(Boolean),
        mailSender: draft.mailSender?.trim() ? draft.mailSender : null,
      });
      setStatus(`${saved.name} saved.`);
      if (!props.association) {
        setDraft(blankSettings);
        setDeadlines(blankSettings.applicationDeadlines.join(', '));
      }
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} className="association-settings" noValidate>
      <TextField label="Name" value={draft.name} onChange={(v) => set('name', v)} required />
      <TextField
        label="Short name"
        hint="Shown in headers and letters, e.g. MI-AIMH."
        value={draft.shortName}
        onChange={(v) => set('shortName', v)}
        required
      />
      <LogoField value={draft.logo} onChange={(logo) => set('logo', logo)} />
      <TextField
        label="Contact address"
        type="email"
        value={draft.contactEmail}
        onChange={(v) => set('contactEmail', v)}
        required
      />
      <TextField
        label="Time zone"
        hint="An IANA time zone, e.g. America/Detroit."
        value={draft.timeZone}
        onChange={(v) => set('timeZone', v)}
      />
      <TextField
        label="Application deadlines"
        hint="Month and day, MM-DD, separated by commas, e.g. 01-31, 04-30."
        value={deadlines}
        onChange={setDeadlines}
      />
      <TextField
        label="Retention (years)"
        hint="Years after results release that responses are kept."
        type="number"
        min={1}
        max={100}
        value={String(draft.retentionYears)}
        onChange={(v) => set('retentionYears', Number(v))}
      />
      <fieldset>
        <legend>Sitting clock and retakes</legend>
        {ruleFields.map(([key, label, hint]) => (
          <TextField
            key={key}
            label={label}
            hint={hint}
            type="number"
            min={0}
            value={String(draft[key] ?? blankSettings[key])}
            onChange={(v) => set(key, Number(v))}
          />
        ))}
      </fieldset>
      <TextField
        label="Mail sender"
        hint="The From: of the association’s mail, e.g. MI-AIMH Endorsement <endorsement@mi-aimh.org>."
        value={draft.mailSender ?? ''}
        onChange={(v) => set('mailSender', v)}
      />
      <FormError message={error} />
      <StatusMessage message={status} />
      <button type="submit" aria-disabled={busy}>
        {props.submitLabel}
      </button>
    </form>
  );
}
