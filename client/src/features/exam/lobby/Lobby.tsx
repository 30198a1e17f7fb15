import { Link } from 'react-router-dom';
import { lazy, Suspense, useState } from 'react';
import { formatRemaining } from '@exam/shared/domain';
import type { PartClock } from '@exam/shared/protocol';
import type { ExamClient } from '../exam-client';
import type { ExamState } from '../exam-state';
import { StartPart } from '../RoomPaused';
import { SittingDetails } from './SittingDetails';
import { SystemCheck } from './SystemCheck';

// The practice includes a vignette, and so the essay editor: loaded only if the candidate asks.
const PracticeRun = lazy(async () => ({ default: (await import('./PracticeRun')).PracticeRun }));

/**
 * Before Part One starts: the sitting's details, whether the proctor has admitted the candidate
 * (updated live over the exam socket), a system check and an optional practice run.
 */
export function Lobby(props: { client: ExamClient; state: ExamState; partOne: PartClock }) {
  const { client, state, partOne } = props;
  const [practising, setPractising] = useState(false);

  return (
    <div className="lobby">
      <section aria-labelledby="lobby-heading" className="admission">
        <h2 id="lobby-heading">Part One</h2>
        {/* Always present, so the change to "admitted" is announced when it arrives. */}
        <p role="status" className={state.admitted ? 'admitted' : 'waiting'}>
          {state.admitted
            ? 'The proctor has admitted you. Start Part One when you are ready.'
            : 'Waiting for the proctor to admit you. Have your photo identification ready; this page updates by itself.'}
        </p>
        {!state.admitted && (
          <p>
            Sitting remotely? <Link to="/check-in">Check in with your camera</Link> so the proctor
            can confirm who you are.
          </p>
        )}
        <p>
          {state.questions.length} multiple-choice questions. Your time:{' '}
          {formatRemaining(partOne.allowedMs)}. The clock starts when you press Start and is kept by
          the server; every answer is saved as you go.
        </p>
        {state.admitted && (
          <StartPart
            part="Part One"
            roomPaused={state.roomPaused}
            onStart={() => client.startPart(1)}
          />
        )}
      </section>
      <SittingDetails state={state} />
      <SystemCheck state={state} />
      <section aria-labelledby="practice-heading" className="practice-section">
        <h2 id="practice-heading">Practice run (not scored)</h2>
        {practising ? (
          <Suspense fallback={<p role="status">Loading the practice run…</p>}>
            <PracticeRun onClose={() => setPractising(false)} />
          </Suspense>
        ) : (
          <>
            <p>
              Try the exam screens with three practice questions and one practice vignette. Nothing
              is kept or scored, and you can leave it at any time.
            </p>
            <button type="button" className="secondary" onClick={() => setPractising(true)}>
              Start the practice run
            </button>
          </>
        )}
      </section>
    </div>
  );
}
