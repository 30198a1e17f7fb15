import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import type { RecordedDisconnect } from '@exam/shared/api';
import type { ProctorCandidate } from '@exam/shared/protocol';
import { DashboardDialog } from '../src/features/proctoring/ActionDialogs';

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

/** A fake server that lists the candidate's disconnects and records the credit asked for. */
function serve(disconnects: RecordedDisconnect[]) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string) => {
      if (path === `/api/proctoring/enrolments/${RILEY}/disconnects`)
        return Response.json({ disconnects });
      return new Response('{}', { status: 404 });
    }),
  );
}

function open() {
  render(
    <DashboardDialog
      request={{ kind: 'credit', candidate: riley }}
      sittingId="00000000-0000-4000-8000-0000000000aa"
      timeZone="America/Detroit"
      candidates={[riley]}
      incidents={[]}
      onApplied={vi.fn()}
      onDone={vi.fn()}
    />,
  );
}

beforeAll(() => {
  // jsdom has <dialog> but not its modal methods; the dialog's content is what is checked here.
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.open = true;
  };
});
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
});
