import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import type { MyAppeal } from '@exam/shared/api';
import { SessionProvider } from '../src/features/auth';
import { MyAppeals } from '../src/features/results/MyAppeals';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const open: MyAppeal = {
  attemptId: '00000000-0000-4000-8000-0000000000b1',
  sittingName: 'Winter sitting',
  windowClosesOn: '2027-01-06',
  canRequest: true,
  appeal: null,
};

/** The candidate's appeals; the request is stored when the test says, and then read back. */
function serve() {
  let sent = false;
  let store: () => void = () => {};
  const requested = vi.fn();
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200 });
      if (path === '/api/auth/session/current') return new Response(null, { status: 204 });
      if (method === 'GET' && path === '/api/appeals/mine') {
        const appeal = sent
          ? {
              id: '00000000-0000-4000-8000-0000000000b2',
              parts: ['two'],
              grounds: 'My responses met the criterion.',
              status: 'requested',
              requestedAt: '2026-12-07T12:00:00.000Z',
              declineReason: null,
              outcome: null,
              reply: null,
              decidedAt: null,
            }
          : null;
        return json({ results: [{ ...open, canRequest: !sent, appeal }] });
      }
      if (method === 'POST' && path === '/api/appeals') {
        requested();
        await new Promise<void>((resolve) => (store = resolve));
        sent = true;
        return new Response(null, { status: 204 });
      }
      throw new Error(`unexpected request ${method} ${path}`);
    }),
  );
  return { requested, store: () => store() };
}

describe("a candidate's request for a review", () => {
  it('sends one request for two presses and puts focus on the result it was sent for', async () => {
    const server = serve();
    render(
      <MemoryRouter>
        <SessionProvider>
          <MyAppeals />
        </SessionProvider>
      </MemoryRouter>,
    );
    fireEvent.click(await screen.findByLabelText('Part Two (vignettes)'));
    fireEvent.change(screen.getByLabelText('Your grounds'), {
      target: { value: 'My responses met the criterion.' },
    });
    const ask = screen.getByRole('button', { name: 'Ask for a review' });
    ask.focus();
    fireEvent.click(ask);
    fireEvent.click(ask);
    await vi.waitFor(() => expect(server.requested).toHaveBeenCalled());
    server.store();

    await screen.findByText(/Received: the coordinator will decide/);
    expect(server.requested).toHaveBeenCalledOnce();
    expect(screen.getByRole('status').textContent).toBe('Your request was sent.');
    expect(screen.getByRole('alert').textContent).toBe('');
    // Focus moves once the request's result has rendered, which can be a tick after the text.
    await vi.waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Winter sitting' })),
    );
  });
});
