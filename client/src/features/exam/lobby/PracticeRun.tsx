import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { PartClock } from '@exam/shared/protocol';
import { ExamClient } from '../exam-client';
import { ExamClock } from '../ExamClock';
import { memoryOutbox } from '../outbox';
import { PartOneRunner } from '../PartOneRunner';
import { PartTwoSection } from '../part-two/PartTwoSection';
import { SaveIndicator } from '../SaveIndicator';
import { PracticeSocket } from './practice-socket';

const closed = (clock: PartClock | undefined) =>
  !!clock && ['submitted', 'expired', 'ended'].includes(clock.status);

/**
 * A short practice of three questions and one vignette. It runs a real ExamClient against an
 * in-browser stand-in for the server, so the candidate uses the very screens of the exam; the
 * outbox is in memory, and nothing is sent, stored or scored.
 */
export function PracticeRun({ onClose }: { onClose(): void }) {
  const client = useMemo(
    () =>
      new ExamClient({
        url: 'practice',
        outbox: memoryOutbox(),
        createSocket: () => new PracticeSocket(),
      }),
    [],
  );
  useEffect(() => {
    void client.start();
    return () => client.dispose();
  }, [client]);
  const state = useSyncExternalStore(client.subscribe, client.getState);
  const partOne = state.parts.find((p) => p.part === 1);
  const partTwo = state.parts.find((p) => p.part === 2);
  const running = [partOne, partTwo].find((p) => p?.status === 'running');
  const finished = closed(partTwo);

  return (
    <div className="practice" role="region" aria-label="Practice run">
      <div className="exam-status">
        <SaveIndicator state={state} />
        {running && <ExamClock clock={running} skewMs={state.skewMs} />}
      </div>
      {partOne?.status === 'not-started' && (
        <p>
          Three practice questions, then one practice vignette.{' '}
          <button type="button" onClick={() => client.startPart(1)}>
            Start practice questions
          </button>
        </p>
      )}
      {partOne?.status === 'running' && <PartOneRunner client={client} state={state} />}
      {closed(partOne) && partTwo && !finished && (
        <PartTwoSection client={client} state={state} clock={partTwo} />
      )}
      {finished && <p role="status">Practice finished. Nothing you did here was kept or scored.</p>}
      <div className="actions">
        <button type="button" className="secondary" onClick={onClose}>
          {finished ? 'Close the practice run' : 'Leave the practice run'}
        </button>
      </div>
    </div>
  );
}
