import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useLoad, useSaver } from '../../lib/use-load';
import { ConsoleNav } from '../../shell/ConsoleNav';
import { LoadState } from '../../ui/fields';
import { FormError } from '../../ui/FormError';
import { Page } from '../../ui/Page';
import { listForms } from '../bank';
import { listVignetteSets } from '../vignettes';
import { ContentFields, type SittingOptions } from './ContentFields';
import { PolicyFields } from './PolicyFields';
import { ScheduleFields } from './ScheduleFields';
import { draftOf, emptyDraft, inputOf, type SittingDraft } from './sitting-draft';
import { getSitting, listProctors, saveSitting } from './sittings.api';

async function loadEditor(sittingId: string | undefined, signal: AbortSignal) {
  const [forms, sets, proctors, sitting] = await Promise.all([
    listForms(signal),
    listVignetteSets(signal),
    listProctors(signal),
    sittingId ? getSitting(sittingId, signal) : Promise.resolve(null),
  ]);
  return { options: { forms, sets, proctors }, sitting };
}

/** Creates a sitting (/coordinator/sittings/new) or edits one (/coordinator/sittings/:id/edit). */
export function SittingEditorPage() {
  const { id } = useParams();
  const { state } = useLoad((signal) => loadEditor(id, signal), [id]);
  const title = id ? 'Edit sitting' : 'New sitting';
  return (
    <Page title={title}>
      <ConsoleNav />
      <LoadState state={state} what="the sitting" />
      {state.status === 'loaded' && (
        <SittingForm
          key={id ?? 'new'}
          sittingId={id ?? null}
          initial={state.data.sitting ? draftOf(state.data.sitting) : emptyDraft()}
          options={state.data.options}
          editable={state.data.sitting?.editable ?? true}
        />
      )}
    </Page>
  );
}

function SittingForm(props: {
  sittingId: string | null;
  initial: SittingDraft;
  options: SittingOptions;
  editable: boolean;
}) {
  const navigate = useNavigate();
  const save = useSaver();
  const [draft, setDraft] = useState(props.initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const change = <K extends keyof SittingDraft>(key: K, value: SittingDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));

  if (!props.editable) {
    return (
      <p>
        This sitting has opened, so its schedule and content can no longer change.{' '}
        <Link to={`/coordinator/sittings/${props.sittingId}`}>Back to the sitting</Link>
      </p>
    );
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const checked = inputOf(draft);
    if (!checked.ok) {
      setError(checked.problem);
      return;
    }
    setBusy(true);
    setError(null);
    const result = await save(() => saveSitting(props.sittingId, checked.input));
    setBusy(false);
    if (!result.ok) setError(result.message);
    else void navigate(`/coordinator/sittings/${result.value.id}`, { state: { saved: true } });
  }

  return (
    <form
      className="form wide"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-label="Sitting"
    >
      <ScheduleFields draft={draft} change={change} />
      <ContentFields draft={draft} change={change} options={props.options} />
      <PolicyFields draft={draft} change={change} />
      <FormError message={error} />
      <div className="actions">
        <button type="submit" aria-disabled={busy}>
          {busy ? 'Saving…' : 'Save sitting'}
        </button>
        <Link to={props.sittingId ? `/coordinator/sittings/${props.sittingId}` : '/coordinator'}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
