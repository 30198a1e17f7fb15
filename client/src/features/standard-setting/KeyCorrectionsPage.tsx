import { useCallback, useId, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { messageOf } from '../../lib/api';
import { FormError, StatusMessage } from '../../ui/FormError';
import { Page } from '../../ui/Page';
import { TextField } from '../../ui/TextField';
import { useLoad } from '../../lib/use-load';
import { TextAreaLabelled } from './TextAreaLabelled';
import { correctItem, listCorrections, listForms, sittingForms } from './standard-setting.api';

const letters = ['A', 'B', 'C', 'D'];

/**
 * Key corrections for one closed sitting: re-key an item (another option, lettered in the order
 * the item was written, is correct) or void it (it leaves scoring and the cut is kept as a
 * proportion). Every Part One of the form is scored again; released results say "revised".
 */
export function KeyCorrectionsPage() {
  const { id = '' } = useParams();
  const load = useCallback(
    async (signal: AbortSignal) => {
      const [sitting, forms, corrections] = await Promise.all([
        sittingForms(id, signal),
        listForms(signal),
        listCorrections(id, signal),
      ]);
      const used = Object.values(sitting.forms).filter((f): f is string => Boolean(f));
      return {
        sitting,
        forms: forms.filter((f) => used.includes(f.id)),
        corrections: corrections.corrections,
      };
    },
    [id],
  );
  const { state, reload } = useLoad(load, [id]);
  const formSelect = useId();
  const [formId, setFormId] = useState('');
  const [position, setPosition] = useState('');
  const [kind, setKind] = useState<'rekey' | 'void'>('rekey');
  const [key, setKey] = useState('0');
  const [reason, setReason] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  if (state.status !== 'loaded')
    return (
      <Page title="Key corrections">
        {state.status === 'loading' ? (
          <p role="status">Loading…</p>
        ) : (
          <FormError message={state.message} />
        )}
      </Page>
    );
  const { sitting, forms, corrections } = state.data;
  const chosenForm = formId || forms[0]?.id || '';
  const formName = (fid: string) => forms.find((f) => f.id === fid)?.name ?? fid;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setStatus(null);
    const base = { formId: chosenForm, position: Number(position), reason: reason.trim() };
    try {
      const result = await correctItem(
        id,
        kind === 'rekey' ? { kind, ...base, keyIndex: Number(key) } : { kind, ...base },
      );
      setStatus(
        `Rescored ${result.rescored} Part One(s): ${result.changed} score(s) changed, ${result.revisedReleased} released result(s) revised.`,
      );
      setReason('');
      reload();
    } catch (e) {
      setError(messageOf(e));
    }
  }

  return (
    <Page title={`Key corrections: ${sitting.name}`}>
      <p>
        <Link to={`/results/${id}`}>Back to the results</Link>
      </p>
      <StatusMessage message={status} />
      {corrections.length === 0 ? (
        <p>No item of this sitting has been corrected.</p>
      ) : (
        <table className="data-table">
          <caption>Corrections in force</caption>
          <thead>
            <tr>
              <th scope="col">Form</th>
              <th scope="col">Item</th>
              <th scope="col">Correction</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {corrections.map((c) => (
              <tr key={`${c.formId}-${c.position}`}>
                <td>{formName(c.formId)}</td>
                <th scope="row">{c.position}</th>
                <td>
                  {c.kind === 'void' ? 'Voided' : `Re-keyed to ${letters[c.keyIndex ?? 0] ?? '?'}`}
                </td>
                <td>{c.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        onSubmit={(e) => void submit(e)}
        className="form-section"
        aria-labelledby="correct-heading"
      >
        <h2 id="correct-heading">Correct an item</h2>
        <div className="field">
          <label htmlFor={formSelect}>Form</label>
          <select id={formSelect} value={chosenForm} onChange={(e) => setFormId(e.target.value)}>
            {forms.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
        </div>
        <TextField
          label="Item number"
          type="number"
          inputMode="numeric"
          min={1}
          value={position}
          onChange={setPosition}
        />
        <fieldset>
          <legend>Correction</legend>
          {(
            [
              ['rekey', 'Re-key: another option is correct'],
              ['void', 'Void: the item leaves scoring'],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="radio">
              <input
                type="radio"
                name="kind"
                value={value}
                checked={kind === value}
                onChange={() => setKind(value)}
              />{' '}
              {label}
            </label>
          ))}
        </fieldset>
        {kind === 'rekey' && (
          <fieldset>
            <legend>Correct option (lettered as the item was written)</legend>
            {letters.map((letter, index) => (
              <label key={letter} className="radio">
                <input
                  type="radio"
                  name="key"
                  value={index}
                  checked={key === String(index)}
                  onChange={() => setKey(String(index))}
                />{' '}
                {letter}
              </label>
            ))}
          </fieldset>
        )}
        <TextAreaLabelled
          label="Reason (candidates whose released result changes read it)"
          value={reason}
          onChange={setReason}
        />
        <FormError message={error} />
        <button type="submit">Apply correction</button>
      </form>
    </Page>
  );
}
