import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useSyncExternalStore } from 'react';
import { MemoryRouter } from 'react-router-dom';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { PROTOCOL_VERSION } from '@exam/shared/protocol';
import { ExamClient } from '../src/features/exam/exam-client';
import { memoryOutbox } from '../src/features/exam/outbox';
import { Lobby } from '../src/features/exam/lobby/Lobby';
import { FakeSocket } from './helpers/fake-exam-socket';

// The lobby's sitting details are fetched; they play no part here.
beforeEach(() => vi.stubGlobal('fetch', () => new Promise(() => undefined)));
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** The lobby's welcome: admitted, Part One not started, the room paused or not. */
const welcome = (roomPaused: boolean) => ({
  type: 'welcome',
  protocolVersion: PROTOCOL_VERSION,
  attempt: {
    attemptId: 'attempt-1',
    sittingName: 'S',
    parts: [
      { part: 1, status: 'not-started', deadline: null, remainingMs: 60_000, allowedMs: 60_000 },
    ],
    questions: [],
    answers: [],
    maxSeq: 0,
    admitted: true,
    partTwo: null,
    partTwoProblem: null,
    roomPaused,
  },
});

/** The candidate's lobby, as the exam page shows it, fed by a real exam client on a fake socket. */
function LobbyPage(props: { client: ExamClient }) {
  const { client } = props;
  const state = useSyncExternalStore(client.subscribe, client.getState);
  const partOne = state.parts.find((p) => p.part === 1);
  return (
    <MemoryRouter>
      {state.notice && <p role="alert">{state.notice}</p>}
      {partOne && <Lobby client={client} state={state} partOne={partOne} />}
    </MemoryRouter>
  );
}

async function setup() {
  const sockets: FakeSocket[] = [];
  const client = new ExamClient({
    url: 'ws://test/ws/exam',
    outbox: memoryOutbox(),
    createSocket: () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket;
    },
  });
  await client.start();
  sockets[0]!.open();
  render(<LobbyPage client={client} />);
  return { client, socket: sockets[0]! };
}

describe("the lobby during the room's pause", () => {
  it('says the proctor paused the room instead of offering a start, and offers it again on the resume', async () => {
    const { client, socket } = await setup();
    act(() => socket.receive(welcome(false)));
    const start = screen.getByRole('button', { name: 'Start Part One' });
    start.focus();

    // The room's pause arrives as a fresh welcome: the button goes, the notice says why.
    act(() => socket.receive(welcome(true)));
    expect(screen.queryByRole('button', { name: 'Start Part One' })).toBeNull();
    const notice = screen.getByTestId('room-paused');
    expect(notice.textContent).toMatch(
      /The proctor has paused the room\. You can start Part One once the proctor resumes it/,
    );
    await waitFor(() => expect(document.activeElement).toBe(notice));

    // A start sent just before the pause reached the screen is refused; the refusal is shown.
    act(() =>
      socket.receive({
        type: 'error',
        code: 'ROOM_PAUSED',
        message:
          'The proctor has paused the room. You can start Part One once the proctor resumes it.',
      }),
    );
    expect(screen.getByRole('alert').textContent).toMatch(/paused the room/);

    // The resume's welcome: the button is back, with focus, and the refusal's notice is gone.
    act(() => socket.receive(welcome(false)));
    expect(screen.queryByTestId('room-paused')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    const again = screen.getByRole('button', { name: 'Start Part One' });
    await waitFor(() => expect(document.activeElement).toBe(again));
    act(() => again.click());
    expect(socket.ofType('part.start')).toEqual([{ type: 'part.start', part: 1 }]);
    client.dispose();
  });
});
