import { describe, expect, it, vi } from 'vitest';
import { closeCodes, PROCTOR_PROTOCOL_VERSION, type ProctorCandidate } from '@exam/shared/protocol';
import { DashboardClient } from '../src/features/proctoring/dashboard-client';
import { timeLeft } from '../src/features/proctoring/format';
import { FakeSocket } from './helpers/fake-exam-socket';

const candidate = (patch: Partial<ProctorCandidate> = {}): ProctorCandidate => ({
  enrolmentId: '00000000-0000-4000-8000-000000000001',
  attemptId: null,
  name: 'Jordan',
  email: 'j@demo.test',
  examEndorsement: 'ECMH-E',
  category: 'mental-health-mentor',
  track: 'clinical',
  admittedAt: null,
  state: 'waiting',
  connection: { status: 'connected', since: 1 },
  currentPart: null,
  clock: null,
  answered: 0,
  questionCount: 0,
  responsesWritten: 0,
  ...patch,
});

const snapshot = {
  type: 'dashboard.snapshot',
  protocolVersion: PROCTOR_PROTOCOL_VERSION,
  sitting: {
    id: '00000000-0000-4000-8000-000000000009',
    name: 'S',
    status: 'open',
    startsAt: null,
    timeZone: 'UTC',
  },
  candidates: [candidate()],
  alerts: [],
  incidents: [],
  roomPause: null,
};

function setup() {
  const sockets: FakeSocket[] = [];
  const client = new DashboardClient({
    url: 'ws://test/ws/proctor?sitting=x',
    createSocket: () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket;
    },
  });
  client.start();
  return { client, sockets };
}

describe('proctor dashboard client', () => {
  it('moves the check-in revision on each announced change and on every snapshot', () => {
    const { client, sockets } = setup();
    sockets[0]!.open();
    sockets[0]!.receive(snapshot);
    const afterSnapshot = client.getState().checkInRevision;
    expect(afterSnapshot).toBeGreaterThan(0);
    sockets[0]!.receive({ type: 'check-in.changed', enrolmentId: candidate().enrolmentId });
    sockets[0]!.receive({ type: 'check-in.changed', enrolmentId: candidate().enrolmentId });
    expect(client.getState().checkInRevision).toBe(afterSnapshot + 2);
    // A reconnect may have missed announcements: its snapshot makes the panel read again.
    sockets[0]!.receive(snapshot);
    expect(client.getState().checkInRevision).toBe(afterSnapshot + 3);
    client.dispose();
  });

  it("keeps the room's pause as the snapshot and each room.changed say", () => {
    const { client, sockets } = setup();
    sockets[0]!.open();
    sockets[0]!.receive(snapshot);
    expect(client.getState().roomPause).toBeNull();
    const roomPause = { since: 5, incident: null };
    sockets[0]!.receive({ type: 'room.changed', roomPause });
    expect(client.getState().roomPause).toEqual(roomPause);
    sockets[0]!.receive({ type: 'room.changed', roomPause: null });
    expect(client.getState().roomPause).toBeNull();
    // After a reconnect, the snapshot says what is stored.
    sockets[0]!.receive({ ...snapshot, roomPause });
    expect(client.getState().roomPause).toEqual(roomPause);
    client.dispose();
  });

  it('says hello, takes the snapshot, then applies pushed rows and alerts once each', () => {
    const { client, sockets } = setup();
    sockets[0]!.open();
    expect(sockets[0]!.sent[0]).toEqual({
      type: 'hello',
      protocolVersion: PROCTOR_PROTOCOL_VERSION,
    });
    sockets[0]!.receive(snapshot);
    expect(client.getState().connection).toBe('open');
    sockets[0]!.receive({ type: 'candidate.update', candidate: candidate({ state: 'admitted' }) });
    expect(client.getState().candidates[0]?.state).toBe('admitted');
    const alert = {
      id: 'connection-7',
      at: 1,
      kind: 'disconnect',
      enrolmentId: candidate().enrolmentId,
      candidateName: 'Jordan',
      message: 'Jordan lost their connection.',
    };
    sockets[0]!.receive({ type: 'alert.raised', alert });
    sockets[0]!.receive({ type: 'alert.raised', alert });
    expect(client.getState().alerts).toHaveLength(1);
    client.dispose();
  });

  it('reconnects after a dropped socket and stops for good when the session ended', async () => {
    const { client, sockets } = setup();
    sockets[0]!.open();
    sockets[0]!.close(1006);
    expect(client.getState().connection).toBe('reconnecting');
    client.wake();
    expect(sockets).toHaveLength(2);
    sockets[1]!.close(closeCodes.UNAUTHENTICATED);
    expect(client.getState().finalProblem).toMatch(/session has ended/);
    client.wake();
    expect(sockets).toHaveLength(2);
    client.dispose();
  });

  it('reconnects within a quarter of a second when its server instance restarts (1012)', async () => {
    vi.useFakeTimers();
    try {
      const { client, sockets } = setup();
      sockets[0]!.open();
      sockets[0]!.receive(snapshot);
      sockets[0]!.close(closeCodes.SERVICE_RESTART);
      expect(client.getState().finalProblem).toBeUndefined();
      await vi.advanceTimersByTimeAsync(250);
      expect(sockets).toHaveLength(2);
      client.dispose();
    } finally {
      vi.useRealTimers();
    }
  });

  it('measures skew, so time left is the server deadline minus corrected now', () => {
    const { client, sockets } = setup();
    sockets[0]!.open();
    // This computer is 30 s behind the server.
    sockets[0]!.receive(snapshot, Date.now() + 30_000);
    const skew = client.getState().skewMs;
    expect(skew).toBeGreaterThan(29_000);
    const clock = {
      part: 1 as const,
      status: 'running' as const,
      deadline: Date.now() + 30_000 + 60_000,
      remainingMs: 60_000,
      allowedMs: 90 * 60_000,
    };
    expect(timeLeft(clock, Date.now(), skew)).toMatch(/^0[01]:\d\d$/);
    expect(timeLeft({ ...clock, status: 'paused', deadline: null }, Date.now(), skew)).toBe(
      '01:00 (paused)',
    );
    client.dispose();
  });
});
