import { useState } from 'react';
import type { FormEvent } from 'react';
import type { SittingDetail } from '@exam/shared/api';
import { useLoad, useSaver } from '../../lib/use-load';
import { CheckboxGroup, LoadState } from '../../ui/fields';
import { FormError, StatusMessage } from '../../ui/FormError';
import { listProctors, setSittingProctors } from './sittings.api';

/** Changes who proctors a sitting that has opened (the rest of it can no longer change). */
export function ProctorsPanel(props: {
  sitting: SittingDetail;
  onChanged(s: SittingDetail): void;
}) {
  const proctors = useLoad((signal) => listProctors(signal), []);
  const save = useSaver();
  const [selected, setSelected] = useState(props.sitting.proctors.map((p) => p.id));
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setDone(null);
    const result = await save(() => setSittingProctors(props.sitting.id, selected));
    setBusy(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setError(null);
    setDone('Proctors saved.');
    props.onChanged(result.value);
  }

  return (
    <form
      className="form"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-labelledby="proctors-heading"
    >
      <h2 id="proctors-heading">Proctors</h2>
      <LoadState state={proctors.state} what="proctors" />
      {proctors.state.status === 'loaded' && (
        <CheckboxGroup
          legend="Who proctors this sitting"
          options={proctors.state.data.map((p) => ({
            value: p.id,
            label: `${p.displayName} (${p.email})`,
          }))}
          selected={selected}
          onChange={setSelected}
          empty="Nobody holds the proctor role yet: grant it under Users and roles."
        />
      )}
      <FormError message={error} />
      <button type="submit" aria-disabled={busy}>
        Save proctors
      </button>
      <StatusMessage message={done} />
    </form>
  );
}
