import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  accommodationsInputSchema,
  timeMultiplierProblems,
  type CandidateSummary,
} from '@exam/shared/api';
import { useLoad, useSaver } from '../../lib/use-load';
import { ConsoleNav } from '../../shell/ConsoleNav';
import { CheckboxField, LoadState, TextAreaField } from '../../ui/fields';
import { FormError, StatusMessage } from '../../ui/FormError';
import { Page } from '../../ui/Page';
import type { FieldProblem } from '../../ui/field-problem';
import { TextField } from '../../ui/TextField';
import { getCandidate, saveAccommodations } from './candidates.api';

/** Edits one candidate's accommodations (/coordinator/candidates/:id/accommodations). */
export function AccommodationsPage() {
  const { id = '' } = useParams();
  const { state, set } = useLoad((signal) => getCandidate(id, signal), [id]);
  const title =
    state.status === 'loaded' ? `Accommodations for ${state.data.displayName}` : 'Accommodations';
  return (
    <Page title={title}>
      <ConsoleNav />
      <p>
        <Link to="/coordinator/candidates">All candidates</Link>
      </p>
      <LoadState state={state} what="the candidate" />
      {state.status === 'loaded' && <AccommodationsForm candidate={state.data} onSaved={set} />}
    </Page>
  );
}

function AccommodationsForm(props: {
  candidate: CandidateSummary;
  onSaved(c: CandidateSummary): void;
}) {
  const a = props.candidate.accommodations;
  const save = useSaver();
  const [multiplier, setMultiplier] = useState(String(a?.timeMultiplier ?? 1));
  const [extra1, setExtra1] = useState(String(a?.extraMinutesPart1 ?? 0));
  const [extra2, setExtra2] = useState(String(a?.extraMinutesPart2 ?? 0));
  const [breaks, setBreaks] = useState(a?.breaks ?? false);
  const [largeText, setLargeText] = useState(a?.largeText ?? false);
  const [highContrast, setHighContrast] = useState(a?.highContrast ?? false);
  const [notes, setNotes] = useState(a?.notes ?? '');
  const [validUntil, setValidUntil] = useState(a?.validUntil ?? '');
  const [error, setError] = useState<string | null>(null);
  const [refused, setRefused] = useState<Refused | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const problem = (field: Refused['field']): FieldProblem | undefined =>
    refused?.field === field ? { text: refused.text, invalid: true } : undefined;
  /** A field changed: what was said about it no longer holds. */
  const edited = (field: Refused['field'], set: (value: string) => void) => (value: string) => {
    set(value);
    if (refused?.field === field) setRefused(null);
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const parsed = accommodationsInputSchema.safeParse({
      // Empty is not 0: it is said to be missing, not out of range.
      timeMultiplier: multiplier.trim() === '' ? Number.NaN : Number(multiplier),
      extraMinutesPart1: Number(extra1),
      extraMinutesPart2: Number(extra2),
      breaks,
      largeText,
      highContrast,
      notes: notes.trim() || null,
      validUntil: validUntil || null,
    });
    setDone(null);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = String(issue?.path[0] ?? '');
      const found = refusalOf(field, issue?.message);
      setRefused(found);
      setError(found?.summary ?? `Check the form: ${issue?.message ?? 'a field is invalid'}.`);
      return;
    }
    setRefused(null);
    setBusy(true);
    const result = await save(() => saveAccommodations(props.candidate.id, parsed.data));
    setBusy(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setError(null);
    // A last valid day already past is stored (it records when they ended), but saying they apply
    // from now on would mislead: the candidate's next sitting would run without them.
    const saved = result.value.accommodations;
    setDone(
      saved && !saved.inForce
        ? `Accommodations saved, but their last valid day (${saved.validUntil ?? ''}) has passed: they apply to no sitting. Clear Valid until or set a later day for them to apply.`
        : 'Accommodations saved. They apply to every sitting this candidate starts from now on.',
    );
    props.onSaved(result.value);
  }

  return (
    <form
      className="form"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-label="Accommodations"
    >
      {a?.approvedBy && (
        <p>
          Last approved by {a.approvedBy.displayName}
          {a.validUntil ? `, valid until ${a.validUntil}` : ', with no end date'}
          {a.inForce ? '.' : ' (expired).'}
        </p>
      )}
      <TextField
        label="Time multiplier"
        type="number"
        inputMode="decimal"
        step="0.01"
        min={1}
        max={3}
        hint="1 for none, 1.5 for time and a half, 1.33 for time and a third (at most two decimals); scales both parts."
        value={multiplier}
        onChange={edited('timeMultiplier', setMultiplier)}
        problem={problem('timeMultiplier')}
      />
      <div className="field-row">
        <TextField
          label="Extra minutes, Part One"
          type="number"
          inputMode="numeric"
          value={extra1}
          onChange={edited('extraMinutesPart1', setExtra1)}
          problem={problem('extraMinutesPart1')}
        />
        <TextField
          label="Extra minutes, Part Two"
          type="number"
          inputMode="numeric"
          value={extra2}
          onChange={edited('extraMinutesPart2', setExtra2)}
          problem={problem('extraMinutesPart2')}
        />
      </div>
      <CheckboxField
        label="Rest breaks"
        hint="The proctor pauses the clock for each break."
        checked={breaks}
        onChange={setBreaks}
      />
      <CheckboxField label="Large text" checked={largeText} onChange={setLargeText} />
      <CheckboxField label="High contrast" checked={highContrast} onChange={setHighContrast} />
      <TextAreaField
        label="Notes"
        hint="The written request and the approval, for the record."
        value={notes}
        onChange={setNotes}
      />
      <TextField
        label="Valid until"
        type="date"
        hint="The last day they apply; leave empty for no end."
        value={validUntil}
        onChange={setValidUntil}
      />
      <FormError message={error} />
      <button type="submit" aria-disabled={busy}>
        {busy ? 'Saving…' : 'Save accommodations'}
      </button>
      <StatusMessage message={done} />
    </form>
  );
}

/** A number field the shared schema refused, and what is said beside it. */
interface Refused {
  field: 'timeMultiplier' | 'extraMinutesPart1' | 'extraMinutesPart2';
  /** Beside the field. */
  text: string;
  /** Under the form, naming the field. */
  summary: string;
}

/**
 * The field a refusal belongs to. The time multiplier's words come from the shared schema, the
 * same the server answers with; extra minutes have one plain sentence for every way to be wrong.
 */
function refusalOf(field: string, message: string | undefined): Refused | null {
  if (field === 'timeMultiplier') {
    const known = Object.values(timeMultiplierProblems) as string[];
    const text = message && known.includes(message) ? message : timeMultiplierProblems.range;
    return { field, text, summary: text };
  }
  if (field === 'extraMinutesPart1' || field === 'extraMinutesPart2') {
    const part = field === 'extraMinutesPart1' ? 'Part One' : 'Part Two';
    const text = 'Enter whole minutes from 0 to 240.';
    return { field, text, summary: `Extra minutes, ${part}: enter whole minutes from 0 to 240.` };
  }
  return null;
}
