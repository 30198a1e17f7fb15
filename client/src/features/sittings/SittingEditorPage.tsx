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
import { listSchedulingGaps, type SchedulingGap } from '@exam/shared/domain';
import { ScheduleFields, type ScheduleProblems } from './ScheduleFields';
import {
  draftOf,
  draftSchedulingGaps,
  emptyDraft,
  inputOf,
  type SittingDraft,
} from './sitting-draft';
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
          scheduled={state.data.sitting?.status === 'scheduled'}
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
  /** A scheduled sitting must keep what scheduling needed; a draft only hears what it lacks. */
  scheduled: boolean;
}) {
  const navigate = useNavigate();
  const save = useSaver();
  const [draft, setDraft] = useState(props.initial);
  const [error, setError] = useState<string | null>(null);
  const [refused, setRefused] = useState<{ field: string; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const change = <K extends keyof SittingDraft>(key: K, value: SittingDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    if (refused?.field === key) setRefused(null);
  };
  const gaps = draftSchedulingGaps(draft);
  const blockedBy = props.scheduled && gaps.length > 0 ? listSchedulingGaps(gaps) : null;

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
    if (busy || blockedBy) return;
    const checked = inputOf(draft);
    if (!checked.ok) {
      setError(checked.problem);
      setRefused({ field: checked.field, text: checked.problem });
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
      <ScheduleFields
        draft={draft}
        change={change}
        problems={problemsOf(draft, gaps, props.scheduled, refused)}
      />
      <ContentFields draft={draft} change={change} options={props.options} />
      <PolicyFields draft={draft} change={change} />
      <FormError message={error} />
      <div className="actions">
        <button
          type="submit"
          className={blockedBy ? 'unavailable' : undefined}
          aria-disabled={busy || blockedBy !== null}
          aria-describedby={blockedBy ? 'save-blocked-reason' : undefined}
        >
          {busy ? 'Saving…' : 'Save sitting'}
        </button>
        <Link to={props.sittingId ? `/coordinator/sittings/${props.sittingId}` : '/coordinator'}>
          Cancel
        </Link>
        {blockedBy && (
          <p id="save-blocked-reason" className="action-reason">
            The sitting is scheduled, so it needs {blockedBy} before it can be saved.
          </p>
        )}
      </div>
    </form>
  );
}

/**
 * What each schedule field says beside it: the value the last save refused, else what scheduling
 * still needs (refused outright once the sitting is scheduled, a reminder while it is a draft).
 */
function problemsOf(
  draft: SittingDraft,
  gaps: readonly SchedulingGap[],
  scheduled: boolean,
  refused: { field: string; text: string } | null,
): ScheduleProblems {
  const problems: ScheduleProblems = {};
  const text = scheduled
    ? 'A scheduled sitting needs this.'
    : 'Needed before the sitting can be scheduled.';
  for (const gap of gaps) {
    const fields: (keyof SittingDraft)[] =
      gap.field === 'start'
        ? (['date', 'startTime'] as const).filter((f) => draft[f] === '')
        : [gap.field];
    for (const field of fields) problems[field] = { text, invalid: scheduled };
  }
  if (refused && refused.field in draft) {
    problems[refused.field as keyof SittingDraft] = { text: refused.text, invalid: true };
  }
  return problems;
}
