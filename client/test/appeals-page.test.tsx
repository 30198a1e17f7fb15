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
  waitingForReviewer: false,
  waitingReason: null,
};

const reason =
  'No qualified grader who has not read this response is available for the Clinical variant. ' +
  'Qualify another grader for it; the review is assigned as soon as one is.';

/** Accepted, its one response waiting for a reviewer nobody independent can be. */
const waiting: AppealDetail = {
  ...requested,
  status: 'accepted',
  waitingForReviewer: true,
  waitingReason: reason,
  reviews: [
    {
      code: 'R-7Q2K',
      vignette: 1,
      variant: 'clinical',
      review: 'none',
      releasedTotal: 6,
      reviewTotal: null,
      annotations: [],
    },
  ],
};

/** One appeal; its triage is stored when the test says, and the appeal then reads accepted. */
function serve(first: AppealDetail = requested) {
  let appeal = first;
  let store: () => void = () => {};
  const triaged = vi.fn();
  const found = vi.fn();
  let nobody = true;
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
              waitingForReviewer: appeal.waitingForReviewer,
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
      if (method === 'POST' && path === `/api/appeals/${requested.id}/find-reviewer`) {
        found();
        await new Promise<void>((resolve) => (store = resolve));
        if (nobody)
          return new Response(
            JSON.stringify({
              error: {
                code: 'APPEAL_NO_REVIEWER',
                message: `Still nobody to review it. ${reason}`,
              },
            }),
            { status: 409 },
          );
        appeal = {
          ...appeal,
          waitingForReviewer: false,
          waitingReason: null,
          reviews: appeal.reviews.map((r) => ({ ...r, review: 'assigned' })),
        };
        return json({ assigned: ['R-7Q2K'], waiting: [] });
      }
      throw new Error(`unexpected request ${method} ${path}`);
    }),
  );
  return {
    triaged,
    found,
    store: () => store(),
    /** From now on, a grader is free: the next press assigns them. */
    freeGrader: () => (nobody = false),
  };
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
    await vi.waitFor(() => expect(document.activeElement).toBe(heading));

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
    await vi.waitFor(() =>
      expect(document.activeElement).toBe(
        screen.getByRole('heading', { name: 'Appeal of Casey Candidate' }),
      ),
    );
  });

  it('says plainly why an accepted appeal waits, and finds a reviewer once for two presses', async () => {
    const server = serve(waiting);
    render(
      <MemoryRouter>
        <SessionProvider>
          <AppealsPage />
        </SessionProvider>
      </MemoryRouter>,
    );
    const row = (await screen.findByRole('rowheader', { name: 'Casey Candidate' })).closest('tr');
    expect(row?.textContent).toContain('accepted: waiting for a reviewer');
    fireEvent.click(screen.getByRole('button', { name: 'Open the appeal of Casey Candidate' }));
    await screen.findByRole('heading', { name: 'Appeal of Casey Candidate' });
    expect(
      screen.getByText(/Waiting for an independent reviewer\./).closest('p')?.textContent,
    ).toBe(`Waiting for an independent reviewer. ${reason}`);
    expect(screen.getByText(/^Review: waiting for an independent reviewer\./)).toBeTruthy();
    expect(screen.queryByText(/Review: none/)).toBeNull();

    // Still nobody: the server's reason is said, and the appeal still waits.
    const find = screen.getByRole('button', { name: 'Find a reviewer' });
    fireEvent.click(find);
    await vi.waitFor(() => expect(server.found).toHaveBeenCalledOnce());
    server.store();
    await vi.waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(`Still nobody to review it. ${reason}`),
    );

    // A grader is free now: two presses, one request, the review assigned.
    server.freeGrader();
    fireEvent.click(find);
    fireEvent.click(find);
    await vi.waitFor(() => expect(server.found).toHaveBeenCalledTimes(2));
    server.store();
    await screen.findByText('A reviewer was assigned.');
    await vi.waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Find a reviewer' })).toBeNull(),
    );
    expect(server.found).toHaveBeenCalledTimes(2);
    expect(screen.getByText(/^Review: with an independent reviewer\./)).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('');
  });
});
