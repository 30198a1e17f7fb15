import { ProgrammeContentNote, useCanEditProgrammeContent } from '../auth';
import { useCallback, useId, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { messageOf } from '../../lib/api';
import { FormError } from '../../ui/FormError';
import { Page } from '../../ui/Page';
import { TextField } from '../../ui/TextField';
import { useLoad } from '../../lib/use-load';
import { createStudy, listForms, listStudies } from './standard-setting.api';
import { studyStatusLabels } from '../../lib/labels';

/** The coordinator's studies, and a form to open one for a Part One form. */
export function StudiesPage() {
  const load = useCallback(
    async (signal: AbortSignal) => ({
      studies: await listStudies(signal),
      forms: await listForms(signal),
    }),
    [],
  );
  const { state } = useLoad(load, []);
  const canEdit = useCanEditProgrammeContent();
  return (
    <Page title="Standard setting">
      {!canEdit && <ProgrammeContentNote what="Standard-setting studies and forms’ cuts" />}
      <p>
        A modified-Angoff study sets a form&apos;s cut score: panelists rate each item, see impact
        data, rate again, and you adopt a cut. A form&apos;s cut changes only this way.
      </p>
      {state.status === 'loading' && <p role="status">Loading studies…</p>}
      {state.status === 'failed' && <FormError message={state.message} />}
      {state.status === 'loaded' && (
        <>
          {state.data.studies.length === 0 ? (
            <p>There are no studies yet.</p>
          ) : (
            <table className="data-table">
              <caption>Studies</caption>
              <thead>
                <tr>
                  <th scope="col">Study</th>
                  <th scope="col">Form</th>
                  <th scope="col">Stage</th>
                  <th scope="col">Panelists</th>
                  <th scope="col">Form&apos;s cut</th>
                </tr>
              </thead>
              <tbody>
                {state.data.studies.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">
                      <Link to={`/standard-setting/${s.id}`}>{s.name}</Link>
                    </th>
                    <td>{s.formName}</td>
                    <td>{studyStatusLabels[s.status]}</td>
                    <td>{s.panelists}</td>
                    <td>
                      {s.formCutScore} of {s.itemCount}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {canEdit && <NewStudyForm forms={state.data.forms} />}
        </>
      )}
    </Page>
  );
}

function NewStudyForm({ forms }: { forms: { id: string; name: string; cutScore: number }[] }) {
  const navigate = useNavigate();
  const selectId = useId();
  const [formId, setFormId] = useState(forms[0]?.id ?? '');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const study = await createStudy(formId, name);
      void navigate(`/standard-setting/${study.id}`);
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} className="form-section" aria-labelledby="new-study">
      <h2 id="new-study">Open a study</h2>
      <div className="field">
        <label htmlFor={selectId}>Form</label>
        <select id={selectId} value={formId} onChange={(e) => setFormId(e.target.value)}>
          {forms.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name} (cut {f.cutScore})
            </option>
          ))}
        </select>
      </div>
      <TextField label="Study name" value={name} onChange={setName} required />
      <FormError message={error} />
      <button type="submit" disabled={busy || formId === ''}>
        Open study
      </button>
    </form>
  );
}
