import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { listSchedulingGaps, schedulingGaps } from '@exam/shared/domain';
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
  const reasonId = useId();
  // A move takes its own button away (Close the sitting leaves none): focus goes to the status
  // heading once it names the new state, instead of falling to the page body.
  const heading = useRef<HTMLHeadingElement>(null);
  const focusHeading = useRef(false);
  useEffect(() => {
    if (!focusHeading.current) return;
    focusHeading.current = false;
    heading.current?.focus();
  }, [sitting.status]);
  const canOpen = sitting.allowedTransitions.includes('open');
  const schedulingNeeds = listSchedulingGaps(
    schedulingGaps({
      applicationCycle: sitting.applicationCycle,
      hasStart: sitting.startsAt !== null,
      remote: sitting.remote,
      location: sitting.location,
    }),
  );
  const readiness = useLoad(
    (signal) =>
      canOpen
        ? sittingReadiness(sitting.id, signal)
        : Promise.resolve({ ready: true, problems: [] }),
    [sitting.id, sitting.updatedAt, sitting.enrolledCount, canOpen],
  );

  /** Why a move cannot be made yet (the server would refuse it), or null when it can. */
  function unmetFor(to: SittingStatus): string | null {
    if (to === 'scheduled' && schedulingNeeds) return `${reasonId}-schedule`;
    if (to === 'open' && !(readiness.state.status === 'loaded' && readiness.state.data.ready)) {
      return `${reasonId}-open`;
    }
    return null;
  }

  async function move(to: SittingStatus) {
    if (busy || unmetFor(to)) return;
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
    focusHeading.current = true;
    setDone(`The sitting is now ${sittingStatusLabels[result.value.status].toLowerCase()}.`);
    props.onChanged(result.value);
  }

  const shown = readiness.state.status === 'loaded' ? readiness.state.data.problems : [];
  return (
    <section aria-labelledby="status-heading">
      <h2 id="status-heading" ref={heading} tabIndex={-1}>
        Status: {sittingStatusLabels[sitting.status]}
      </h2>
      {canOpen && shown.length > 0 && (
        <div className="notice" id={`${reasonId}-open`}>
          <p>Before it can open:</p>
          <ul className="problems">
            {shown.map((p, index) => (
              <li key={`${p.code}-${index}`}>{p.message}</li>
            ))}
          </ul>
        </div>
      )}
      {canOpen && readiness.state.status !== 'loaded' && (
        <p id={`${reasonId}-open`}>
          {readiness.state.status === 'failed'
            ? `Could not check whether the sitting is ready: ${readiness.state.message}`
            : 'Checking whether every candidate has a form and a vignette set…'}
        </p>
      )}
      {canOpen && readiness.state.status === 'loaded' && readiness.state.data.ready && (
        <p>Every enrolled candidate has a form and a vignette set: the sitting is ready to open.</p>
      )}
      <div className="actions">
        {sitting.allowedTransitions.map((to) => {
          const unmet = unmetFor(to);
          return (
            <button
              key={to}
              type="button"
              className={unmet ? 'unavailable' : to === 'draft' ? 'secondary' : undefined}
              aria-disabled={busy || unmet !== null}
              aria-describedby={unmet ?? undefined}
              onClick={() => void move(to)}
            >
              {transitionLabels[to]}
            </button>
          );
        })}
        {sitting.allowedTransitions.includes('scheduled') && schedulingNeeds && (
          <p id={`${reasonId}-schedule`} className="action-reason">
            Before scheduling, give {schedulingNeeds}.{' '}
            <Link to={`/coordinator/sittings/${sitting.id}/edit`}>Edit the sitting</Link>
          </p>
        )}
      </div>
      {sitting.status === 'closed' && (
        <p>Results are released from the results page once grading is done.</p>
      )}
      <FormError message={error} />
      <StatusMessage message={done} />
    </section>
  );
}
