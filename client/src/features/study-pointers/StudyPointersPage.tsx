import { useState, type FormEvent } from 'react';
import {
  studyPointerLimits,
  type StudyPointerContent,
  type StudyPointerEntry,
} from '@exam/shared/api';
import { FormError, StatusMessage } from '../../ui/FormError';
import { Page } from '../../ui/Page';
import { ProgrammeContentNote, useCanEditProgrammeContent } from '../auth';
import { ConsoleNav } from '../../shell/ConsoleNav';
import { LoadState, SelectField, TextAreaField } from '../../ui/fields';
import { useLoad, useSaver } from '../../lib/use-load';
import { EntryListEditor } from './EntryListEditor';
import { listStudyPointers, saveStudyPointer } from './study-pointers.api';
import { useFormatDate } from '../../lib/dates';

function contentOf(pointer: StudyPointerEntry): StudyPointerContent {
  return {
    summary: pointer.summary,
    readAbout: [...pointer.readAbout],
    practise: [...pointer.practise],
  };
}

/**
 * Study pointers: per competency domain, what a candidate below expectation reads on their
 * released results page. One domain is edited at a time; drafts of others are kept until saved,
 * so switching domains loses nothing.
 */
export function StudyPointersPage() {
  const { state, set } = useLoad((signal) => listStudyPointers(signal), []);
  const save = useSaver();
  const when = useFormatDate();
  const [chosen, setChosen] = useState<string | null>(null);
  const [drafts, setDrafts] = useState<Record<string, StudyPointerContent>>({});
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const canEdit = useCanEditProgrammeContent();

  const pointers = state.status === 'loaded' ? state.data : [];
  const pointer = pointers.find((p) => p.domain === chosen) ?? pointers[0];
  const draft = pointer ? (drafts[pointer.domain] ?? contentOf(pointer)) : undefined;
  const unsaved =
    pointer !== undefined && JSON.stringify(draft) !== JSON.stringify(contentOf(pointer));

  function change(patch: Partial<StudyPointerContent>) {
    if (!pointer || !draft) return;
    setDone(null);
    setDrafts({ ...drafts, [pointer.domain]: { ...draft, ...patch } });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!pointer || !draft || saving) return;
    setSaving(true);
    const result = await save(() => saveStudyPointer(pointer.domain, draft));
    setSaving(false);
    if (!result.ok) {
      setError(result.message);
      setDone(null);
      return;
    }
    setError(null);
    set(pointers.map((p) => (p.domain === result.value.domain ? result.value : p)));
    const { [pointer.domain]: _saved, ...rest } = drafts;
    setDrafts(rest);
    setDone(`Saved the study pointer for ${pointer.label}.`);
  }

  return (
    <Page title="Study pointers">
      <ConsoleNav />
      <p>
        Candidates read these with their released results, for each competency domain where they
        were below expectation. Changes show at once, also on results already released.
      </p>
      <LoadState state={state} what="study pointers" />
      {!canEdit && (
        <>
          <ProgrammeContentNote what="Study pointers" />
          <StudyPointersReadOnly pointers={pointers} />
        </>
      )}
      {canEdit && pointer && draft && (
        <>
          <SelectField
            label="Competency domain"
            value={pointer.domain}
            onChange={(domain) => {
              setChosen(domain);
              setError(null);
              setDone(null);
            }}
            options={pointers.map((p) => ({
              value: p.domain,
              label: drafts[p.domain] ? `${p.label} (unsaved changes)` : p.label,
            }))}
          />
          <form onSubmit={(e) => void submit(e)} aria-labelledby="pointer-heading" noValidate>
            <h2 id="pointer-heading">{pointer.label}</h2>
            <p className="hint">
              Last changed {when(pointer.updatedAt)}.
              {unsaved && ' This domain has unsaved changes.'}
            </p>
            <TextAreaField
              label="Summary"
              value={draft.summary}
              onChange={(summary) => change({ summary })}
              hint={`One or two sentences, at most ${studyPointerLimits.summaryMax} characters.`}
              textarea={{ maxLength: studyPointerLimits.summaryMax, required: true }}
            />
            <EntryListEditor
              legend="Readings"
              noun="Reading"
              entries={draft.readAbout}
              onChange={(readAbout) => change({ readAbout })}
              max={studyPointerLimits.readingsMax}
              maxLength={studyPointerLimits.entryMax}
              hint={`Topics or titles to read about, in the order candidates should take them: at least ${studyPointerLimits.readingsMin}, at most ${studyPointerLimits.readingsMax}.`}
            />
            <EntryListEditor
              legend="Practice suggestions"
              noun="Suggestion"
              entries={draft.practise}
              onChange={(practise) => change({ practise })}
              max={studyPointerLimits.practiseMax}
              maxLength={studyPointerLimits.entryMax}
            />
            <FormError message={error} />
            <StatusMessage message={done} />
            <div className="actions">
              <button type="submit" aria-disabled={saving}>
                Save {pointer.label}
              </button>
              {unsaved && (
                <button
                  type="button"
                  className="secondary"
                  onClick={() => {
                    const { [pointer.domain]: _dropped, ...rest } = drafts;
                    setDrafts(rest);
                    setError(null);
                  }}
                >
                  Discard changes
                </button>
              )}
            </div>
          </form>
        </>
      )}
    </Page>
  );
}

/** Every domain's pointer as candidates will read it, for those who may not change them. */
function StudyPointersReadOnly({ pointers }: { pointers: StudyPointerEntry[] }) {
  return pointers.map((pointer) => (
    <section key={pointer.domain} aria-labelledby={`pointer-${pointer.domain}`}>
      <h2 id={`pointer-${pointer.domain}`}>{pointer.label}</h2>
      <p>{pointer.summary}</p>
      <h3>Readings</h3>
      <ol>
        {pointer.readAbout.map((entry, index) => (
          <li key={index}>{entry}</li>
        ))}
      </ol>
      {pointer.practise.length > 0 && (
        <>
          <h3>Practice suggestions</h3>
          <ul>
            {pointer.practise.map((entry, index) => (
              <li key={index}>{entry}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  ));
}
