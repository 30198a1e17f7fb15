import { useState } from 'react';
import type { SittingDetail, SittingStatus } from '@exam/shared/api';
import { sittingStatusLabels, transitionLabels } from '../../lib/labels';
import { useLoad, useSaver } from '../../lib/use-load';
import { FormError, StatusMessage } from '../../ui/FormError';
import { sittingReadiness, transitionSitting } from './sittings.api';

/** The sitting's state, the moves open to it, and for a scheduled sitting what stops it opening. */
export function SittingStatusPanel(props: {
  sitting: SittingDetail;
  onChanged(sitting: SittingDetail): void;
}) {
  const { sitting } = props;
  const save = useSaver();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const canOpen = sitting.allowedTransitions.includes('open');
  const readiness = useLoad(
    (signal) =>
      canOpen
        ? sittingReadiness(sitting.id, signal)
        : Promise.resolve({ ready: true, problems: [] }),
    [sitting.id, sitting.updatedAt, sitting.enrolledCount, canOpen],
  );

  async function move(to: SittingStatus) {
    if (busy) return;
    if (
      to === 'closed' &&
      !window.confirm('Close the sitting? Candidates can no longer start or continue.')
    )
      return;
    setBusy(true);
    setError(null);
    setDone(null);
    const result = await save(() => transitionSitting(sitting.id, to));
    setBusy(false);
    if (!result.ok) {
      setError(result.message);
      readiness.reload();
      return;
    }
    setDone(`The sitting is now ${sittingStatusLabels[result.value.status].toLowerCase()}.`);
    props.onChanged(result.value);
  }

  const shown = readiness.state.status === 'loaded' ? readiness.state.data.problems : [];
  return (
    <section aria-labelledby="status-heading">
      <h2 id="status-heading">Status: {sittingStatusLabels[sitting.status]}</h2>
      {canOpen && shown.length > 0 && (
        <div className="notice">
          <p>Before it can open:</p>
          <ul className="problems">
            {shown.map((p, index) => (
              <li key={`${p.code}-${index}`}>{p.message}</li>
            ))}
          </ul>
        </div>
      )}
      {canOpen && readiness.state.status === 'loaded' && readiness.state.data.ready && (
        <p>Every enrolled candidate has a form and a vignette set: the sitting is ready to open.</p>
      )}
      <div className="actions">
        {sitting.allowedTransitions.map((to) => (
          <button
            key={to}
            type="button"
            className={to === 'draft' ? 'secondary' : undefined}
            aria-disabled={busy}
            onClick={() => void move(to)}
          >
            {transitionLabels[to]}
          </button>
        ))}
      </div>
      {sitting.status === 'closed' && (
        <p>Results are released from the results page once grading is done.</p>
      )}
      <FormError message={error} />
      <StatusMessage message={done} />
    </section>
  );
}
