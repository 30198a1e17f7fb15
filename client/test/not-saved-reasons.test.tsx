import { useSyncExternalStore } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import type { ExamClient } from '../src/features/exam/exam-client';
import { NOT_SAVED_QUIET_MS, NotSavedReasons } from '../src/features/exam/NotSavedReasons';
import { keptNotSaved, MAX_NOT_SAVED_REASONS } from '../src/features/exam/not-saved-tally';
import { settle, setup, welcome, type FakeSocket } from './helpers/fake-exam-socket';

/** The list as the exam page shows it, following the client's state. */
function Reasons({ client }: { client: ExamClient }) {
  const state = useSyncExternalStore(client.subscribe, client.getState);
  return <NotSavedReasons state={state} />;
}

const CLOSED = 'Part One is closed; this change was not saved.';
const NO_QUESTION = 'There is no such question; this change was not saved.';
const NOTE = 'Notes are limited to 2,000 characters; this note was not saved.';

beforeEach(() => {
  localStorage.clear();
  vi.useFakeTimers();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

async function welcomed() {
  const harness = setup();
  await harness.client.start();
  harness.sockets[0]!.open();
  harness.sockets[0]!.receive(welcome());
  await settle();
  return harness;
}

/** Every text the live region has held, in order: what a screen reader would have read. */
function announcements(): string[] {
  const region = screen.getByRole('status');
  const said: string[] = [];
  new MutationObserver(() => said.push(region.textContent ?? '')).observe(region, {
    subtree: true,
    childList: true,
    characterData: true,
  });
  return said;
}

function refuseAnswer(socket: FakeSocket, seq: number, message: string) {
  socket.receive({ type: 'answer.rejected', seq, code: 'PART_CLOSED', message });
}

const items = () =>
  within(screen.getByRole('list', { name: /^Why/ }))
    .getAllByRole('listitem')
    .map((item) => item.textContent);

describe('changes the server refused: how many, and why', () => {
  it('lists the distinct reasons, most recent first, and announces a burst once', async () => {
    const { client, sockets } = await welcomed();
    render(<Reasons client={client} />);
    const said = announcements();
    expect(screen.queryByTestId('not-saved')).toBeNull();

    for (const position of [1, 2, 3])
      await client.setAnswer(position, { choice: 0, flagged: false });
    await client.setItemTools('question', 1, {
      struck: [],
      highlights: [],
      note: 'x'.repeat(3000),
    });
    await settle();
    // Four refusals, three reasons, one after another: the last used to be all the page showed.
    await act(async () => {
      refuseAnswer(sockets[0]!, 1, CLOSED);
      refuseAnswer(sockets[0]!, 2, NO_QUESTION);
      refuseAnswer(sockets[0]!, 3, CLOSED);
      sockets[0]!.receive({
        type: 'tools.rejected',
        target: 'question',
        position: 1,
        revision: 1,
        code: 'NOTE_TOO_LONG',
        message: NOTE,
      });
      await settle();
    });

    const list = screen.getByTestId('not-saved');
    expect(within(list).getByText('4 changes could not be saved').tagName).toBe('SUMMARY');
    expect(screen.getByRole('list', { name: 'Why, most recent first:' })).toBeTruthy();
    expect(items()).toEqual([NOTE, CLOSED, NO_QUESTION]);

    // Nothing is said while the burst lasts; once it is over, one announcement says it all.
    expect(said).toEqual([]);
    await act(() => vi.advanceTimersByTimeAsync(NOT_SAVED_QUIET_MS));
    expect(said).toEqual([`4 changes could not be saved. ${NOTE} ${CLOSED} ${NO_QUESTION}`]);

    // A later refusal for a reason already given is told by its count alone.
    await client.setAnswer(4, { choice: 1, flagged: false });
    await settle();
    await act(async () => {
      refuseAnswer(sockets[0]!, 4, CLOSED);
      await settle();
    });
    await act(() => vi.advanceTimersByTimeAsync(NOT_SAVED_QUIET_MS));
    expect(said.at(-1)).toBe('5 changes could not be saved.');
    expect(said).toHaveLength(2);
    expect(items()).toEqual([CLOSED, NOTE, NO_QUESTION]);
    client.dispose();
  });

  it(`keeps at most ${MAX_NOT_SAVED_REASONS} reasons, the most recent`, async () => {
    const { client, sockets } = await welcomed();
    render(<Reasons client={client} />);
    const reasons = Array.from({ length: 7 }, (_, i) => `Reason ${i + 1}; not saved.`);
    for (const [i] of reasons.entries())
      await client.setAnswer(i + 1, { choice: 0, flagged: false });
    await settle();
    await act(async () => {
      for (const [i, reason] of reasons.entries()) refuseAnswer(sockets[0]!, i + 1, reason);
      await settle();
    });
    expect(screen.getByText('7 changes could not be saved')).toBeTruthy();
    expect(items()).toEqual(reasons.slice(2).reverse());
    client.dispose();
  });

  it('after a reload the count and the reasons are still there', async () => {
    const first = await welcomed();
    await first.client.setAnswer(1, { choice: 0, flagged: false });
    await first.client.setAnswer(2, { choice: 0, flagged: false });
    await settle();
    refuseAnswer(first.sockets[0]!, 1, NO_QUESTION);
    refuseAnswer(first.sockets[0]!, 2, CLOSED);
    await settle();
    first.client.dispose();
    expect(keptNotSaved('attempt-1')).toEqual({ count: 2, reasons: [CLOSED, NO_QUESTION] });

    const { client } = await welcomed();
    render(<Reasons client={client} />);
    expect(screen.getByText('2 changes could not be saved')).toBeTruthy();
    expect(items()).toEqual([CLOSED, NO_QUESTION]);
    client.dispose();
  });

  it('reads the bare count an earlier version kept', () => {
    localStorage.setItem('exam-not-saved:attempt-1', '3');
    expect(keptNotSaved('attempt-1')).toEqual({ count: 3, reasons: [] });
  });
});
