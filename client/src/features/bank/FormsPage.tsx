import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { formExportUrl } from '../bank-exchange';
import {
  assembleFormRequestSchema,
  type BankFormSummary,
  type BlueprintsResponse,
} from '@exam/shared/api';
import { examEndorsements, type ExamEndorsement } from '@exam/shared/domain';
import { useLoad, useSaver } from '../../lib/use-load';
import { ProgrammeContentNote, useCanEditProgrammeContent } from '../auth';
import { ConsoleNav } from '../../shell/ConsoleNav';
import { LoadState, SelectField } from '../../ui/fields';
import { FormError, StatusMessage } from '../../ui/FormError';
import { Page } from '../../ui/Page';
import { TextField } from '../../ui/TextField';
import { assembleForm, formAction, getBlueprints, listForms } from './bank.api';
import { BlueprintEditor, blueprintProblem, type BlueprintCounts } from './BlueprintEditor';

function countsOf(blueprints: BlueprintsResponse, endorsement: ExamEndorsement): BlueprintCounts {
  return Object.fromEntries(
    blueprints.defaults[endorsement].cells.map((c) => [
      `${c.domain}|${c.ageBand}`,
      String(c.count),
    ]),
  );
}

/** Blueprints, assembling forms from the bank, and which form is active per endorsement. */
export function FormsPage() {
  const forms = useLoad((signal) => listForms(signal), []);
  const blueprints = useLoad((signal) => getBlueprints(signal), []);
  const canEdit = useCanEditProgrammeContent();
  return (
    <Page title="Forms">
      <ConsoleNav />
      {!canEdit && <ProgrammeContentNote what="Forms" />}
      {canEdit && <LoadState state={blueprints.state} what="blueprints" />}
      {canEdit && blueprints.state.status === 'loaded' && (
        <AssembleForm blueprints={blueprints.state.data} onAssembled={forms.reload} />
      )}
      <section aria-labelledby="forms-heading">
        <h2 id="forms-heading">Assembled forms</h2>
        <LoadState state={forms.state} what="forms" />
        {forms.state.status === 'loaded' && (
          <FormsTable forms={forms.state.data} onChanged={forms.reload} canEdit={canEdit} />
        )}
      </section>
    </Page>
  );
}

function AssembleForm({
  blueprints,
  onAssembled,
}: {
  blueprints: BlueprintsResponse;
  onAssembled(): void;
}) {
  const save = useSaver();
  const [endorsement, setEndorsement] = useState<ExamEndorsement>('IMH-E');
  const [counts, setCounts] = useState(() => countsOf(blueprints, 'IMH-E'));
  const [name, setName] = useState('');
  const [seed, setSeed] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const available = Object.fromEntries(
    blueprints.available.map((a) => [`${a.domain}|${a.ageBand}`, a.count]),
  );

  function chooseEndorsement(value: string) {
    setEndorsement(value as ExamEndorsement);
    setCounts(countsOf(blueprints, value as ExamEndorsement));
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const cells = Object.entries(counts)
      .map(([key, value]) => {
        const [domain, ageBand] = key.split('|');
        return { domain, ageBand, count: Number(value) };
      })
      .filter((c) => c.count !== 0);
    const parsed = assembleFormRequestSchema.safeParse({
      endorsement,
      name,
      blueprint: { cells },
      ...(seed.trim() ? { seed: seed.trim() } : {}),
    });
    setDone(null);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      setError(
        issue?.path[0] === 'name' ? 'Name: give the form a name.' : blueprintProblem(issue, cells),
      );
      return;
    }
    setBusy(true);
    const result = await save(() => assembleForm(parsed.data));
    setBusy(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setError(null);
    setDone(
      `Assembled "${result.value.name}" with ${result.value.itemCount} questions. Preview it, then activate it.`,
    );
    setName('');
    onAssembled();
  }

  return (
    <form
      className="form wide"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-labelledby="assemble-heading"
    >
      <h2 id="assemble-heading">Assemble a form</h2>
      <SelectField
        label="Endorsement"
        value={endorsement}
        onChange={chooseEndorsement}
        options={examEndorsements.map((e) => ({ value: e, label: e }))}
      />
      <TextField label="Form name" value={name} onChange={setName} />
      <TextField
        label="Seed (optional)"
        hint="The same seed and blueprint draw the same questions again; leave empty for a random one."
        value={seed}
        onChange={setSeed}
      />
      <BlueprintEditor counts={counts} available={available} onChange={setCounts} />
      <FormError message={error} />
      <button type="submit" aria-disabled={busy}>
        {busy ? 'Assembling…' : 'Assemble form'}
      </button>
      <StatusMessage message={done} />
    </form>
  );
}

function FormsTable({
  forms,
  onChanged,
  canEdit,
}: {
  forms: BankFormSummary[];
  onChanged(): void;
  canEdit: boolean;
}) {
  const save = useSaver();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // Busy from the press until the reloaded list arrives: until then the pressed button is still
  // there, and a second press would send the action again.
  const [busy, setBusy] = useState(false);
  // Activate and Retire take their own button away: focus goes to the status they changed,
  // once the reloaded list shows it, instead of falling to the page body.
  const focusAfterReload = useRef<string | null>(null);
  const statusCells = useRef(new Map<string, HTMLTableCellElement>());

  useEffect(() => {
    const formId = focusAfterReload.current;
    if (formId === null) return;
    focusAfterReload.current = null;
    setBusy(false);
    statusCells.current.get(formId)?.focus();
  }, [forms]);

  async function act(form: BankFormSummary, action: 'activate' | 'retire') {
    if (busy) return;
    setBusy(true);
    const result = await save(() => formAction(form.id, action));
    if (!result.ok) {
      setBusy(false);
      setError(result.message);
      return;
    }
    focusAfterReload.current = form.id;
    setError(null);
    setDone(
      action === 'activate'
        ? `"${form.name}" is now the active ${form.endorsement} form.`
        : `Retired "${form.name}".`,
    );
    onChanged();
  }

  return (
    <>
      <table className="data-table">
        <caption className="visually-hidden">Assembled forms</caption>
        <thead>
          <tr>
            <th scope="col">Form</th>
            <th scope="col">Endorsement</th>
            <th scope="col">Status</th>
            <th scope="col">Questions</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {forms.map((f) => (
            <tr key={f.id}>
              <th scope="row">{f.name}</th>
              <td>{f.endorsement}</td>
              <td
                tabIndex={-1}
                ref={(cell) => {
                  if (cell) statusCells.current.set(f.id, cell);
                  else statusCells.current.delete(f.id);
                }}
              >
                {f.status}
              </td>
              <td>{f.itemCount}</td>
              <td className="row-actions">
                <Link to={`/coordinator/forms/${f.id}/preview`}>
                  Preview<span className="visually-hidden"> {f.name}</span>
                </Link>
                <a href={formExportUrl(f.id)} download>
                  QTI 3.0<span className="visually-hidden"> export of {f.name}</span>
                </a>
                {canEdit && f.status === 'draft' && (
                  <button
                    type="button"
                    aria-disabled={busy}
                    onClick={() => void act(f, 'activate')}
                  >
                    Activate<span className="visually-hidden"> {f.name}</span>
                  </button>
                )}
                {canEdit && f.status !== 'retired' && (
                  <button
                    type="button"
                    className="secondary"
                    aria-disabled={busy}
                    onClick={() => void act(f, 'retire')}
                  >
                    Retire<span className="visually-hidden"> {f.name}</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <FormError message={error} />
      <StatusMessage message={done} />
    </>
  );
}
