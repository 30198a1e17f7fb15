import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import type { PanelView } from '@exam/shared/api';
import { SessionProvider } from '../src/features/auth';
import { RatePage } from '../src/features/standard-setting';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.sessionStorage.clear();
});

const studyId = '00000000-0000-4000-8000-0000000000c1';
const item = (position: number) => ({
  position,
  stem: `Question ${position}`,
  options: ['a', 'b', 'c', 'd'],
  keyIndex: 0,
  domain: 'thinking',
  ratings: { 1: null, 2: null },
  pValue: null,
});
const view: PanelView = {
  id: studyId,
  name: 'Spring panel',
  formName: 'Spring form',
  status: 'round1',
  items: [item(1), item(2)],
  impact: null,
};

const label = (position: number) =>
  `Item ${position}: percentage of minimally competent candidates correct`;

/** The rating page; the server answers each PUT (refusing it if `refuse`) when the test says so. */
function renderPage(refuse = false) {
  const puts: unknown[] = [];
  const answers: (() => void)[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string, init?: RequestInit) => {
      const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200 });
      if (path === `/api/standard-setting/panel/${studyId}`) return json({ study: view });
      if (init?.method === 'PUT' && path === `/api/standard-setting/panel/${studyId}/ratings`) {
        puts.push(JSON.parse(String(init.body)));
        await new Promise<void>((resolve) => answers.push(resolve));
        if (refuse) {
          const error = { code: 'CONFLICT', message: 'Round 1 is closed.' };
          return new Response(JSON.stringify({ error }), { status: 409 });
        }
        return json({ ok: true });
      }
      return new Response('{}', { status: 401 });
    }),
  );
  render(
    <MemoryRouter initialEntries={[`/panel/${studyId}`]}>
      <SessionProvider>
        <Routes>
          <Route path="/panel/:id" element={<RatePage />} />
        </Routes>
      </SessionProvider>
    </MemoryRouter>,
  );
  return { puts, answerAll: () => answers.splice(0).forEach((answer) => answer()) };
}

/** Whether closing the tab now would ask first. */
function leavingIsHeld(): boolean {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
}

describe('rating items as a panelist', () => {
  it('saves each rating on leaving its field, so moving on loses nothing', async () => {
    const { puts, answerAll } = renderPage();
    const first = await screen.findByLabelText(label(1));
    expect(leavingIsHeld()).toBe(false);

    fireEvent.change(first, { target: { value: '60' } });
    // Typed, not yet sent: closing the tab asks first.
    expect(leavingIsHeld()).toBe(true);

    fireEvent.blur(first);
    await waitFor(() => expect(puts).toEqual([{ round: 1, position: 1, rating: 0.6 }]));
    // On its way: still held until the server has it.
    expect(leavingIsHeld()).toBe(true);
    answerAll();
    await screen.findByText('Item 1: rating saved.');
    await screen.findByText(/Round 1 is open: 1 of 2 items rated\./);
    expect(leavingIsHeld()).toBe(false);
    expect((first as HTMLInputElement).value).toBe('60');

    // Leaving the field and then pressing Save ratings sends the rating once.
    const second = screen.getByLabelText(label(2));
    fireEvent.change(second, { target: { value: '45' } });
    fireEvent.blur(second);
    fireEvent.click(screen.getByRole('button', { name: 'Save ratings' }));
    await waitFor(() => expect(puts).toHaveLength(2));
    answerAll();
    await screen.findByText('Every rating on the page is saved.');
    expect(puts).toEqual([
      { round: 1, position: 1, rating: 0.6 },
      { round: 1, position: 2, rating: 0.45 },
    ]);
    await screen.findByText(/Round 1 is open: 2 of 2 items rated\./);
  });

  it('refuses a rating out of range on leaving its field, sends nothing and keeps it', async () => {
    const { puts } = renderPage();
    const first = await screen.findByLabelText(label(1));
    fireEvent.change(first, { target: { value: '140' } });
    fireEvent.blur(first);
    await screen.findByText('Item 1: ratings are percentages from 0 to 100.');
    expect(puts).toEqual([]);
    expect(leavingIsHeld()).toBe(true);
  });

  it('shows a save that failed after the panelist left the page when they come back, the rating back in its field', async () => {
    const left = renderPage(true);
    const first = await screen.findByLabelText(label(1));
    fireEvent.change(first, { target: { value: '60' } });
    fireEvent.blur(first);
    await waitFor(() => expect(left.puts).toHaveLength(1));
    // A link pressed while the save was on its way: the page is gone when the refusal comes.
    cleanup();
    left.answerAll();
    await waitFor(() => expect(window.sessionStorage.length).toBe(1));

    const back = renderPage();
    const again = await screen.findByLabelText(label(1));
    expect((again as HTMLInputElement).value).toBe('60');
    await screen.findByText(/Not saved when you left the page: Item 1: Round 1 is closed\./);
    expect(leavingIsHeld()).toBe(true);
    fireEvent.blur(again);
    await waitFor(() => expect(back.puts).toEqual([{ round: 1, position: 1, rating: 0.6 }]));
    back.answerAll();
    await screen.findByText('Item 1: rating saved.');
    expect(window.sessionStorage.length).toBe(0);
    expect(screen.queryByText(/Not saved when you left the page/)).toBeNull();
  });
});
