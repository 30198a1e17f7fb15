import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import {
  examEndorsements,
  variants,
  type ExamEndorsement,
  type Variant,
} from '@exam/shared/domain';
import { variantLabels } from '../../lib/labels';
import { useLoad, useSaver } from '../../lib/use-load';
import { ProgrammeContentNote, useCanEditProgrammeContent } from '../auth';
import { ConsoleNav } from '../../shell/ConsoleNav';
import { VignetteSetReadOnly } from './VignetteSetReadOnly';
import { LoadState, SelectField, TextAreaField } from '../../ui/fields';
import { FormError, StatusMessage } from '../../ui/FormError';
import { Page } from '../../ui/Page';
import { TextField } from '../../ui/TextField';
import { emptySet, newVignette, setDraftOf, setInputOf, type SetDraft } from './vignette-draft';
import { VignetteFields } from './VignetteFields';
import { getVignetteSet, saveVignetteSet } from './vignettes.api';

/**
 * Writes a vignette set (/coordinator/vignettes/new, or ?copy=<id> to start from another) or
 * edits one (/coordinator/vignettes/:id). A set candidates have seen opens read-only, with a copy.
 */
export function VignetteSetEditorPage() {
  const { id } = useParams();
  const [search] = useSearchParams();
  const source = id ?? search.get('copy');
  const { state } = useLoad(
    (signal) => (source ? getVignetteSet(source, signal) : Promise.resolve(null)),
    [source],
  );
  const canEdit = useCanEditProgrammeContent();
  if (!canEdit) {
    // Coordinators read the programme's sets; its administrators alone change them.
    return (
      <Page title="Vignette set">
        <ConsoleNav />
        <p>
          <Link to="/coordinator/vignettes">All vignette sets</Link>
        </p>
        <ProgrammeContentNote what="Vignette sets" />
        <LoadState state={state} what="the vignette set" />
        {state.status === 'loaded' && state.data && id && <VignetteSetReadOnly set={state.data} />}
      </Page>
    );
  }
  const title = id ? 'Edit vignette set' : 'New vignette set';
  return (
    <Page title={title}>
      <ConsoleNav />
      <p>
        <Link to="/coordinator/vignettes">All vignette sets</Link>
      </p>
      <LoadState state={state} what="the vignette set" />
      {state.status === 'loaded' &&
        (state.data?.locked && id ? (
          <p>
            Candidates have been shown this set, so it cannot change.{' '}
            <Link to={`/coordinator/vignettes/new?copy=${id}`}>Make an editable copy</Link>
          </p>
        ) : (
          <SetForm
            key={source ?? 'new'}
            setId={id ?? null}
            initial={state.data ? setDraftOf(state.data, !id) : emptySet()}
          />
        ))}
    </Page>
  );
}

function SetForm({ setId, initial }: { setId: string | null; initial: SetDraft }) {
  const navigate = useNavigate();
  const save = useSaver();
  const [draft, setDraft] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  // A new set's first save moves to its own address; the message comes along.
  const arrived = (useLocation().state as { done?: string } | null)?.done ?? null;
  const [done, setDone] = useState<string | null>(arrived);
  const [busy, setBusy] = useState(false);
  const change = <K extends keyof SetDraft>(key: K, value: SetDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  // Adding or removing a vignette moves focus to the title of the one added, or of the one that
  // took the removed one's place (a removed vignette's button would leave focus on the body).
  const form = useRef<HTMLFormElement>(null);
  const focusVignette = useRef<number | null>(null);

  // Only once the count has changed: a render of the old list in between (another state
  // change landing first) would otherwise take the focus to the wrong vignette and spend it.
  const vignetteCount = draft.vignettes.length;
  useEffect(() => {
    if (focusVignette.current === null || !form.current) return;
    const sections = form.current.querySelectorAll('fieldset.form-section');
    const target = sections[Math.min(focusVignette.current, sections.length - 1)];
    target?.querySelector('input')?.focus();
    focusVignette.current = null;
  }, [vignetteCount]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const checked = setInputOf(draft);
    setDone(null);
    if (!checked.ok) {
      setError(checked.problem);
      return;
    }
    setBusy(true);
    const result = await save(() => saveVignetteSet(setId, checked.input));
    setBusy(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setError(null);
    const message = `Saved "${result.value.title}".`;
    if (!setId)
      void navigate(`/coordinator/vignettes/${result.value.id}`, {
        replace: true,
        state: { done: message },
      });
    else setDone(message);
  }

  return (
    <form
      ref={form}
      className="form wide"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-label="Vignette set"
    >
      <TextField label="Set title" value={draft.title} onChange={(v) => change('title', v)} />
      <div className="field-row">
        <SelectField
          label="Variant"
          value={draft.variant}
          onChange={(v) => change('variant', v as Variant)}
          options={variants.map((v) => ({ value: v, label: variantLabels[v] }))}
        />
        <SelectField
          label="Written for"
          value={draft.audience}
          onChange={(v) => change('audience', v as SetDraft['audience'])}
          options={[
            { value: 'specialist', label: 'Specialists (answer as practitioners)' },
            { value: 'mentor', label: 'Mentors (answer as leaders)' },
          ]}
        />
        <SelectField
          label="Endorsement"
          value={draft.endorsement ?? ''}
          onChange={(v) => change('endorsement', (v || null) as ExamEndorsement | null)}
          options={[
            { value: '', label: 'Both' },
            ...examEndorsements.map((e) => ({ value: e, label: e })),
          ]}
        />
        <TextField
          label="Vignettes to answer"
          type="number"
          inputMode="numeric"
          value={draft.requiredCount}
          onChange={(v) => change('requiredCount', v)}
        />
      </div>
      <TextAreaField
        label="Instructions"
        value={draft.instructions}
        onChange={(v) => change('instructions', v)}
      />
      {draft.vignettes.map((v, index) => (
        <VignetteFields
          key={v.key}
          number={index + 1}
          vignette={v}
          onChange={(next) =>
            change(
              'vignettes',
              draft.vignettes.map((x) => (x.key === v.key ? next : x)),
            )
          }
          {...(draft.vignettes.length > 1
            ? {
                onRemove: () => {
                  focusVignette.current = index;
                  change(
                    'vignettes',
                    draft.vignettes.filter((x) => x.key !== v.key),
                  );
                },
              }
            : {})}
        />
      ))}
      {draft.vignettes.length < 6 && (
        <button
          type="button"
          className="secondary"
          onClick={() => {
            focusVignette.current = draft.vignettes.length;
            change('vignettes', [...draft.vignettes, newVignette()]);
          }}
        >
          Add a vignette
        </button>
      )}
      <FormError message={error} />
      <button type="submit" aria-disabled={busy}>
        {busy ? 'Saving…' : 'Save vignette set'}
      </button>
      <StatusMessage message={done} />
    </form>
  );
}
