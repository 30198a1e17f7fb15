import { useCallback, useEffect, useState } from 'react';
import type { RosterCheckIn, RosterCheckInsResponse } from '@exam/shared/api';
import { messageOf } from '../../lib/api';
import { FormError, StatusMessage } from '../../ui/FormError';
import { TextField } from '../../ui/TextField';
import { decideCheckIn, getRosterCheckIns, photoUrl } from './check-in.api';

/** Only while the dashboard's socket is down does the panel need to look again by itself. */
const FALLBACK_POLL_MS = 30_000;
const statusLabels: Record<RosterCheckIn['status'], string> = {
  'not-started': 'Not checked in',
  waiting: 'Taking photos',
  submitted: 'Evidence ready',
  'no-camera': 'No camera: check on the call',
  admitted: 'Admitted',
  refused: 'Refused',
};

const kindLabels = { face: 'Face', id: 'Photo ID', room: 'Room' } as const;

function Evidence(props: { entry: RosterCheckIn; onDecided(message: string): void }) {
  const { entry } = props;
  const [shown, setShown] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function decide(decision: 'admit' | 'refuse') {
    setError(null);
    try {
      await decideCheckIn(entry.enrolmentId, { decision, reason });
      setReason('');
      props.onDecided(`${decision === 'admit' ? 'Admitted' : 'Refused'} ${entry.name}.`);
    } catch (e) {
      setError(messageOf(e));
    }
  }

  return (
    <div>
      {entry.candidateNote && <p>The candidate says: {entry.candidateNote}</p>}
      {entry.photos.length > 0 &&
        (shown ? (
          <div className="check-in-photos">
            {entry.photos.map((p) => (
              <figure key={p.id}>
                <img
                  src={photoUrl(entry.enrolmentId, p.id)}
                  alt={`${kindLabels[p.kind]} of ${entry.name}`}
                  width={240}
                />
                <figcaption>{kindLabels[p.kind]}</figcaption>
              </figure>
            ))}
          </div>
        ) : (
          // Each look at the photos is audited, so they open on request, not with the page.
          <button type="button" className="secondary" onClick={() => setShown(true)}>
            Show the photos: {entry.name}
          </button>
        ))}
      {entry.status !== 'admitted' && (
        <>
          <TextField
            label={`Reason for the decision on ${entry.name}`}
            value={reason}
            onChange={setReason}
          />
          <div className="actions">
            <button type="button" onClick={() => void decide('admit')}>
              Admit after identity check: {entry.name}
            </button>
            <button type="button" className="secondary" onClick={() => void decide('refuse')}>
              Refuse: {entry.name}
            </button>
          </div>
        </>
      )}
      <FormError message={error} />
    </div>
  );
}

/**
 * Identity at check-in beside the roster: each candidate's evidence and status, the
 * accommodations the proctor must provide, and the admit or refuse decision with a reason.
 */
export function CheckInPanel({ sittingId, revision }: { sittingId: string; revision: number }) {
  const [data, setData] = useState<RosterCheckInsResponse | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState<string | null>(null);
  const load = useCallback(
    () =>
      getRosterCheckIns(sittingId).then(
        (loaded) => {
          setData(loaded);
          setProblem(null);
        },
        (e: unknown) => setProblem(messageOf(e)),
      ),
    [sittingId],
  );
  // The dashboard's socket moves `revision` when a candidate adds evidence or a proctor decides,
  // on any instance; the slow poll only covers a socket that is down.
  useEffect(() => {
    void load();
  }, [load, revision]);
  useEffect(() => {
    const timer = setInterval(() => void load(), FALLBACK_POLL_MS);
    return () => clearInterval(timer);
  }, [load]);

  return (
    <section aria-labelledby="check-in-heading">
      <h2 id="check-in-heading">Identity check-in</h2>
      <p>
        {data?.required
          ? 'This sitting admits candidates only after an identity check on their evidence.'
          : 'Admit each candidate after checking their photo ID against the roster name.'}
      </p>
      <StatusMessage message={announcement} />
      <FormError message={problem} />
      {data && (
        <ul className="plain-list">
          {data.checkIns.map((entry) => (
            <li key={entry.enrolmentId}>
              <h3>{entry.name}</h3>
              <p>
                {statusLabels[entry.status]}
                {entry.decisionReason && ` (${entry.decisionReason})`}
                {entry.accommodations && `. Accommodations: ${entry.accommodations}`}
                {entry.accommodationNotes && `. ${entry.accommodationNotes}`}
              </p>
              {data.required && (
                <Evidence
                  entry={entry}
                  onDecided={(message) => {
                    setAnnouncement(message);
                    void load();
                  }}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
