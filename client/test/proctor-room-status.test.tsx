import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import {
  PROCTOR_PROTOCOL_VERSION,
  type Incident,
  type ProctorRoomPause,
} from '@exam/shared/protocol';
import { ProctorDashboardPage } from '../src/features/proctoring';
import { clockTime } from '../src/features/proctoring/format';
import { FakeSocket } from './helpers/fake-exam-socket';

const SITTING = '00000000-0000-4000-8000-000000000009';
const TIME_ZONE = 'America/Detroit';
/** 15:42 UTC on a winter day: 10:42 in the room (EST). */
const SINCE = Date.UTC(2026, 0, 15, 15, 42);

const fireAlarm: Incident = {
  id: '00000000-0000-4000-8000-0000000000f1',
  at: SINCE,
  category: 'environment',
  note: 'Fire alarm',
  enrolmentId: null,
  candidateName: null,
  recordedBy: 'Priya Proctor',
  effects: [],
};
const paused: ProctorRoomPause = {
  since: SINCE,
  incident: { id: fireAlarm.id, category: 'environment', note: 'Fire alarm' },
};

const snapshot = (roomPause: ProctorRoomPause | null) => ({
  type: 'dashboard.snapshot',
  protocolVersion: PROCTOR_PROTOCOL_VERSION,
  sitting: { id: SITTING, name: 'S', status: 'open', startsAt: null, timeZone: TIME_ZONE },
  candidates: [],
  alerts: [],
  incidents: [fireAlarm],
  roomPause,
});

/** The dashboard's sockets, as the page opened them (the page makes its own WebSocket). */
let sockets: FakeSocket[] = [];
class PageSocket extends FakeSocket {
  constructor(readonly url: string) {
    super();
    sockets.push(this);
  }
}

beforeAll(() => {
  // jsdom has <dialog> but not its modal methods.
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.open = true;
  };
});
beforeEach(() => {
  sockets = [];
  vi.stubGlobal('WebSocket', PageSocket);
  // The check-in and late-change panels load over HTTP; they play no part here.
  vi.stubGlobal('fetch', () => new Promise(() => undefined));
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** Opens the dashboard page (a reload opens it afresh) and gives it the server's snapshot. */
function openDashboard(roomPause: ProctorRoomPause | null) {
  render(
    <MemoryRouter initialEntries={[`/proctor/sittings/${SITTING}`]}>
      <Routes>
        <Route path="/proctor/sittings/:sittingId" element={<ProctorDashboardPage />} />
      </Routes>
    </MemoryRouter>,
  );
  const socket = sockets.at(-1)!;
  act(() => {
    socket.open();
    socket.receive(snapshot(roomPause));
  });
  return socket;
}

const roomButton = (name: string) => screen.queryByRole('button', { name });
const pausedText = `The whole room is paused since ${clockTime(SINCE, TIME_ZONE)} — incident: Fire alarm (Environment).`;

describe("the dashboard's room status", () => {
  it('says whether the whole room is paused, live, and offers only the action that fits', () => {
    const socket = openDashboard(null);
    const status = screen.getByTestId('room-status');
    expect(status.getAttribute('role')).toBe('status');
    expect(status.textContent).toBe('The whole room is not paused.');
    const pause = roomButton('Pause the whole room')!;
    expect(roomButton('Resume the whole room')).toBeNull();

    // Another proctor pauses the room: the status says since when (the room's time) and why,
    // and the one button now resumes; a keyboard user on it stays on it.
    pause.focus();
    act(() => socket.receive({ type: 'room.changed', roomPause: paused }));
    expect(screen.getByTestId('room-status')).toBe(status);
    expect(status.textContent).toBe(pausedText);
    expect(clockTime(SINCE, TIME_ZONE)).toMatch(/10:42/);
    const resume = roomButton('Resume the whole room');
    expect(resume).toBe(pause);
    expect(document.activeElement).toBe(resume);
    expect(roomButton('Pause the whole room')).toBeNull();

    act(() => socket.receive({ type: 'room.changed', roomPause: null }));
    expect(status.textContent).toBe('The whole room is not paused.');
    expect(roomButton('Pause the whole room')).toBe(pause);
    expect(roomButton('Resume the whole room')).toBeNull();
  });

  it('shows the pause after a reload, and the resume answers the pause’s incident', () => {
    openDashboard(paused);
    expect(screen.getByTestId('room-status').textContent).toBe(pausedText);
    expect(roomButton('Pause the whole room')).toBeNull();

    fireEvent.click(roomButton('Resume the whole room')!);
    const dialog = screen.getByRole('dialog', { name: 'Resume the whole room' });
    expect(dialog).toBeTruthy();
    expect(screen.getByLabelText<HTMLSelectElement>('Caused by').value).toBe(fireAlarm.id);
  });
});
