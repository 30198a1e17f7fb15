import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import type { ProctorSittingSummary } from '@exam/shared/api';
import { messageOf } from '../../lib/api';
import { Page } from '../../ui/Page';
import { listProctorSittings } from './proctoring.api';

function when(sitting: ProctorSittingSummary): string {
  if (sitting.startsAt === null) return 'Start time not set';
  return new Intl.DateTimeFormat(undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: sitting.timeZone,
  }).format(sitting.startsAt);
}

/** The sittings this person may proctor: assigned ones for proctors, all for coordinators. */
export function ProctorSittingsPage() {
  const [sittings, setSittings] = useState<ProctorSittingSummary[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    listProctorSittings(controller.signal).then(setSittings, (error: unknown) => {
      if (!controller.signal.aborted) setProblem(messageOf(error));
    });
    return () => controller.abort();
  }, []);

  return (
    <Page title="Proctoring">
      {problem && (
        <p role="alert" className="form-error">
          {problem}
        </p>
      )}
      {sittings === null && !problem && <p className="loading">Loading sittings…</p>}
      {sittings?.length === 0 && <p>You are not assigned to any scheduled or open sitting.</p>}
      {sittings && sittings.length > 0 && (
        <ul className="destinations">
          {sittings.map((sitting) => (
            <li key={sitting.id}>
              <Link to={`/proctor/sittings/${sitting.id}`}>{sitting.name}</Link>
              <span className="hint">
                {' '}
                — {sitting.status}, {when(sitting)} ({sitting.timeZone}), {sitting.candidateCount}{' '}
                {sitting.candidateCount === 1 ? 'candidate' : 'candidates'}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
