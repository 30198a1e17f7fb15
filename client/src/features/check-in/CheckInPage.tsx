import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import type { CheckInPhotoKind, MyCheckIn } from '@exam/shared/api';
import { messageOf } from '../../lib/api';
import { useLoad } from '../../lib/use-load';
import { FormError, StatusMessage } from '../../ui/FormError';
import { LoadState } from '../../ui/fields';
import { Page } from '../../ui/Page';
import { TextField } from '../../ui/TextField';
import { askProctor, getMyCheckIn, sendPhoto } from './check-in.api';
import { useCamera } from './use-camera';

const statusText: Record<MyCheckIn['status'], string> = {
  'not-started': 'Take a photo of your face and one of your photo ID.',
  waiting: 'Take the photo that is still missing.',
  submitted: 'Your photos are with the proctor, who will admit you shortly.',
  'no-camera': 'Your proctor will check your identity on the call and admit you.',
  admitted: 'You are checked in and admitted.',
  refused: 'The proctor could not confirm your identity.',
};

const photoLabels: Record<CheckInPhotoKind, string> = {
  face: 'face photo',
  id: 'ID photo',
  room: 'room photo',
};

function NoCamera(props: { message: string; onAsked(checkIn: MyCheckIn): void }) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      <p>
        {props.message} You can still sit the exam: ask your proctor to check your photo ID on the
        call instead.
      </p>
      <TextField
        label="Anything the proctor should know (optional)"
        value={note}
        onChange={setNote}
      />
      <button
        type="button"
        onClick={() =>
          void askProctor(note.trim() || null).then(props.onAsked, (e) => setError(messageOf(e)))
        }
      >
        Ask the proctor to check me
      </button>
      <FormError message={error} />
    </div>
  );
}

/** The remote candidate's check-in before the lobby: webcam photos of face and ID. */
export function CheckInPage() {
  const { state, set, reload } = useLoad((signal) => getMyCheckIn(signal), []);
  const { videoRef, state: cameraState, start, capture } = useCamera();
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState<string | null>(null);
  // Null once loaded: the candidate holds no seat in a sitting open now.
  const checkIn = state.status === 'loaded' ? state.data : null;
  const status = checkIn?.status ?? null;

  // The proctor's decision arrives without a click: look again every few seconds while waiting.
  useEffect(() => {
    if (status !== 'submitted' && status !== 'no-camera') return;
    const timer = setInterval(reload, 3000);
    return () => clearInterval(timer);
  }, [status, reload]);

  async function take(kind: CheckInPhotoKind) {
    setError(null);
    const data = capture();
    if (!data) {
      setError('The camera has no picture yet: wait a moment and try again.');
      return;
    }
    try {
      set(await sendPhoto(kind, data));
      setAnnouncement(`Your ${photoLabels[kind]} was sent.`);
    } catch (e) {
      setError(messageOf(e));
    }
  }

  const has = (kind: CheckInPhotoKind) => !!checkIn?.photos.some((p) => p.kind === kind);

  return (
    <Page title="Check in">
      <LoadState state={state} what="your check-in" />
      <StatusMessage message={announcement} />
      {state.status === 'loaded' && !checkIn && (
        <p role="status">
          You have no sitting to check in for right now. Check-in opens when your sitting does; your
          seat and its date are on <Link to="/my-exam">My exam</Link>.
        </p>
      )}
      {checkIn && (
        <>
          <p>
            {checkIn.sittingName}: <strong>{statusText[checkIn.status]}</strong>
          </p>
          {checkIn.status === 'refused' && <p>Reason: {checkIn.decisionReason}</p>}
          {!checkIn.required || checkIn.status === 'admitted' ? (
            <p>
              {!checkIn.required &&
                'Your proctor checks your photo ID against the roster when you arrive. '}
              <Link to="/exam">Go to your exam</Link>
            </p>
          ) : (
            <section aria-labelledby="camera-heading">
              <h2 id="camera-heading">Your camera</h2>
              <video
                ref={videoRef}
                aria-label="Your camera's picture"
                muted
                playsInline
                hidden={cameraState.status !== 'on'}
                width={320}
              />
              {cameraState.status === 'unavailable' ? (
                <NoCamera message={cameraState.message} onAsked={set} />
              ) : cameraState.status === 'on' ? (
                <div className="actions">
                  <button type="button" onClick={() => void take('face')}>
                    {has('face') ? 'Take the face photo again' : 'Take the face photo'}
                  </button>
                  <button type="button" onClick={() => void take('id')}>
                    {has('id') ? 'Take the ID photo again' : 'Take the ID photo'}
                  </button>
                  <button type="button" className="secondary" onClick={() => void take('room')}>
                    Add a room photo (optional)
                  </button>
                </div>
              ) : (
                <button
                  type="button"
                  disabled={cameraState.status === 'starting'}
                  onClick={() => void start()}
                >
                  Turn on the camera
                </button>
              )}
              <FormError message={error} />
            </section>
          )}
        </>
      )}
    </Page>
  );
}
