import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import type { StudyDetail } from '@exam/shared/api';
import { SessionProvider } from '../src/features/auth';
import { StudyPage } from '../src/features/standard-setting/StudyPage';
import { adminSession as admin } from './helpers/sessions';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const studyId = '00000000-0000-4000-8000-0000000000e1';
const pat = { id: '00000000-0000-4000-8000-0000000000e2', name: 'Pat Panelist' };

const roundOne: StudyDetail = {
  id: studyId,
  name: 'IMH-E cut 2027',
  formId: '00000000-0000-4000-8000-0000000000e3',
  formName: 'IMH-E form A',
  endorsement: 'IMH-E',
  status: 'round1',
  itemCount: 60,
  formCutScore: 48,
  panelists: 1,
  createdAt: '2026-12-01T10:00:00.000Z',
  rounds: [
    {
      round: 1,
      panelists: [
        { userId: pat.id, name: pat.name, rated: 60, impliedCut: 48, z: null, outlier: false },
      ],
      n: 1,
      mean: 48,
      sd: null,
      se: null,
      recommendedCut: 48,
      passRate: null,
    },
  ],
  impact: null,
  panelistUsers: [pat],
  adoption: null,
};

/** The study in round 1; round 2 opens when the test says, and the study then reads so. */
function serve() {
  let study = roundOne;
  let open: () => void = () => {};
  const opened = vi.fn();
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200 });
      if (path === '/api/auth/session/current') return json(admin);
      if (method === 'GET' && path === `/api/standard-setting/studies/${studyId}`)
        return json({ study });
      if (method === 'GET' && path === '/api/standard-setting/panelists')
        return json({ panelists: [pat] });
      if (method === 'POST' && path === `/api/standard-setting/studies/${studyId}/round-two`) {
        opened();
        await new Promise<void>((resolve) => (open = resolve));
        study = {
          ...study,
          status: 'round2',
          rounds: [...study.rounds, { ...study.rounds[0]!, round: 2, n: 0, mean: null }],
        };
        return json({ study });
      }
      throw new Error(`unexpected request ${method} ${path}`);
    }),
  );
  return { opened, open: () => open() };
}

describe('a standard-setting study', () => {
  it('opens round 2 once for two presses and puts focus on the new round', async () => {
    const server = serve();
    render(
      <MemoryRouter initialEntries={[`/standard-setting/${studyId}`]}>
        <SessionProvider>
          <Routes>
            <Route path="/standard-setting/:id" element={<StudyPage />} />
          </Routes>
        </SessionProvider>
      </MemoryRouter>,
    );
    const openRound = await screen.findByRole('button', { name: 'Open round 2' });
    openRound.focus();
    fireEvent.click(openRound);
    fireEvent.click(openRound);
    await vi.waitFor(() => expect(server.opened).toHaveBeenCalled());
    server.open();

    await screen.findByText('Round 2 is open.');
    // The section holding the button is gone once round 2 is open; round 2's figures are there.
    await vi.waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Open round 2' })).toBeNull(),
    );
    expect(server.opened).toHaveBeenCalledOnce();
    await vi.waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Round 2' })),
    );
    expect(screen.getByRole('region', { name: 'Round 2' }).contains(document.activeElement)).toBe(
      true,
    );
  });
});
