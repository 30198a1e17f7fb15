import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { RecordedDisconnect } from '@exam/shared/api';
import type { Incident, ProctorCandidate } from '@exam/shared/protocol';
import { DashboardDialog } from '../src/features/proctoring/ActionDialogs';
import { stubShowModal } from './helpers/modal-dialog';

const RILEY = '00000000-0000-4000-8000-000000000002';
const riley = { enrolmentId: RILEY, name: 'Riley', state: 'part-one' } as ProctorCandidate;
const T0 = Date.UTC(2026, 11, 7, 15, 0);

let nextId = 1;
const disconnect = (runningMs: number, extra: Partial<RecordedDisconnect> = {}) => ({
  id: nextId++,
  part: 1 as const,
  from: T0,
  to: T0 + runningMs,
  runningMs,
  credit: null,
  ...extra,
});

const row: ProctorCandidate = {
  ...riley,
  attemptId: null,
  email: 'riley@demo.test',
  examEndorsement: 'IMH-E',
  category: 'mentor',
  track: 'research',
  admittedAt: T0,
  connection: { status: 'connected', since: T0 },
  currentPart: 1,
  clock: null,
  answered: 0,
  questionCount: 60,
  responsesWritten: 0,
};

const wifi: Incident = {
  id: '00000000-0000-4000-8000-0000000000e1',
  at: T0,
  category: 'technical',
  note: 'Venue wifi dropped',
  enrolmentId: null,
  candidateName: null,
  recordedBy: 'Priya Proctor',
  effects: [],
};

/** A fake server that lists the candidate's disconnects and keeps the credits asked for. */
function serve(disconnects: RecordedDisconnect[]) {
  const credits: unknown[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string, init?: RequestInit) => {
      if (path === `/api/proctoring/enrolments/${RILEY}/disconnects`)
        return Response.json({ disconnects });
      if (path === `/api/proctoring/enrolments/${RILEY}/credit` && init?.method === 'POST') {
        credits.push(JSON.parse(String(init.body)));
        return Response.json({ candidate: row });
      }
      return new Response('{}', { status: 404 });
    }),
  );
  return credits;
}

function open(incidents: Incident[] = []) {
  const onDone = vi.fn();
  render(
    <DashboardDialog
      request={{ kind: 'credit', candidate: riley }}
      sittingId="00000000-0000-4000-8000-0000000000aa"
      timeZone="America/Detroit"
      candidates={[riley]}
      incidents={incidents}
      onApplied={vi.fn()}
      onDone={onDone}
    />,
  );
  return onDone;
}

beforeAll(stubShowModal);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the credit dialog', () => {
  it('says the time each disconnect cost in minutes and seconds', async () => {
    serve([disconnect(26_000), disconnect(86_000)]);
    open();
    expect(await screen.findByLabelText(/: 26 s of Part One, not credited/)).toBeTruthy();
    expect(screen.getByLabelText(/1 min 26 s of Part One, not credited/)).toBeTruthy();
  });

  it('links the credit to the incident it answers, for the incident report', async () => {
    const credits = serve([disconnect(26_000)]);
    open([wifi]);
    fireEvent.click(await screen.findByLabelText(/: 26 s of Part One, not credited/));
    fireEvent.change(screen.getByLabelText('Caused by'), { target: { value: wifi.id } });
    fireEvent.click(screen.getByRole('button', { name: 'Credit the time' }));
    await waitFor(() => expect(credits).toHaveLength(1));
    expect(credits).toEqual([{ disconnectId: expect.any(Number), incidentId: wifi.id }]);
  });

  it('records a new incident of the technical category from the reason by default', async () => {
    const credits = serve([disconnect(26_000)]);
    open();
    fireEvent.click(await screen.findByLabelText(/: 26 s of Part One, not credited/));
    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: 'Router restarted' } });
    fireEvent.click(screen.getByRole('button', { name: 'Credit the time' }));
    await waitFor(() => expect(credits).toHaveLength(1));
    expect(credits).toEqual([
      { disconnectId: expect.any(Number), reason: 'Router restarted', category: 'technical' },
    ]);
  });

  it('puts focus on the first disconnect to choose once the list has loaded', async () => {
    serve([
      disconnect(40_000, { credit: { ms: 40_000, reason: 'wifi', at: T0 } }),
      disconnect(26_000),
      disconnect(86_000),
    ]);
    open();
    const first = await screen.findByLabelText(/: 26 s of Part One, not credited/);
    // The credited one above it cannot be chosen, so focus skips it.
    await waitFor(() => expect(document.activeElement).toBe(first));
    expect(screen.getByRole('status').textContent).toBe(
      '2 disconnects can be credited: choose one.',
    );
  });

  it('chooses the only disconnect that can be credited and goes on to its cause', async () => {
    serve([
      disconnect(40_000, { credit: { ms: 40_000, reason: 'wifi', at: T0 } }),
      disconnect(26_000),
    ]);
    open();
    const only = await screen.findByLabelText<HTMLInputElement>(/: 26 s of Part One, not credited/);
    expect(only.checked).toBe(true);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Caused by')));
    expect(screen.getByRole('status').textContent).toMatch(
      /^Only one disconnect can be credited, so it is chosen: .*26 s of Part One/,
    );
  });
});
