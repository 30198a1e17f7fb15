import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import type { AppealDetail } from '@exam/shared/api';
import { SessionProvider } from '../src/features/auth';
import { AppealsPage } from '../src/features/results/AppealsPage';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const requested: AppealDetail = {
  id: '00000000-0000-4000-8000-0000000000d1',
  sittingId: '00000000-0000-4000-8000-0000000000d2',
  sittingName: 'Winter sitting',
  candidateName: 'Casey Candidate',
  parts: ['two'],
  status: 'requested',
  requestedAt: '2026-12-07T12:00:00.000Z',
  deadline: '2026-12-17T12:00:00.000Z',
  overdue: false,
  outcome: null,
  grounds: 'My responses met the criterion.',
  declineReason: null,
  reply: null,
  partOneCheck: null,
  reviews: [],
  decidable: false,
};

/** One appeal; its triage is stored when the test says, and the appeal then reads accepted. */
function serve() {
  let appeal = requested;
  let store: () => void = () => {};
  const triaged = vi.fn();
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200 });
      if (path === '/api/auth/session/current') return new Response(null, { status: 204 });
      if (method === 'GET' && path === '/api/appeals')
        return json({
          appeals: [
            {
              id: appeal.id,
              sittingId: appeal.sittingId,
              sittingName: appeal.sittingName,
              candidateName: appeal.candidateName,
              parts: appeal.parts,
              status: appeal.status,
              requestedAt: appeal.requestedAt,
              deadline: appeal.deadline,
              overdue: appeal.overdue,
              outcome: appeal.outcome,
            },
          ],
        });
      if (method === 'GET' && path === `/api/appeals/${requested.id}`) return json(appeal);
      if (method === 'POST' && path === `/api/appeals/${requested.id}/triage`) {
        triaged();
        await new Promise<void>((resolve) => (store = resolve));
        appeal = { ...appeal, status: 'accepted' };
        return new Response(null, { status: 204 });
      }
      throw new Error(`unexpected request ${method} ${path}`);
    }),
  );
  return { triaged, store: () => store() };
}

describe("the coordinator's appeals", () => {
  it('moves focus to an opened appeal, and accepts it once for two presses', async () => {
    const server = serve();
    render(
      <MemoryRouter>
        <SessionProvider>
          <AppealsPage />
        </SessionProvider>
      </MemoryRouter>,
    );
    const openButton = await screen.findByRole('button', {
      name: 'Open the appeal of Casey Candidate',
    });
    openButton.focus();
    fireEvent.click(openButton);
    const heading = await screen.findByRole('heading', { name: 'Appeal of Casey Candidate' });
    expect(document.activeElement).toBe(heading);

    const accept = screen.getByRole('button', { name: 'Accept for review' });
    accept.focus();
    fireEvent.click(accept);
    fireEvent.click(accept);
    await vi.waitFor(() => expect(server.triaged).toHaveBeenCalled());
    server.store();
    await screen.findByText('Accepted.');
    await vi.waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Accept for review' })).toBeNull(),
    );
    expect(server.triaged).toHaveBeenCalledOnce();
    expect(screen.getByRole('alert').textContent).toBe('');
    expect(document.activeElement).toBe(
      screen.getByRole('heading', { name: 'Appeal of Casey Candidate' }),
    );
  });
});
