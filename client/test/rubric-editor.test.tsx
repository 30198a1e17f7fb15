import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import type { Rubric } from '@exam/shared/api';
import { SessionProvider } from '../src/features/auth';
import { RubricsPage } from '../src/features/grading/RubricsPage';
import { takeoverMessage } from '../src/features/grading/rubric-takeover';
import { adminSession as admin } from './helpers/sessions';
import { levels } from './helpers/rubric-fixture';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const clinical: Rubric = {
  id: '00000000-0000-4000-8000-0000000000c1',
  variant: 'clinical',
  version: 1,
  title: 'Clinical rubric',
  criteria: [{ id: 'reflection', title: 'Reflection', domain: 'reflection', levels }],
  passingRule: { minLevelPerCriterion: 2, minTotalPerResponse: 2 },
  scoringStartedAt: null,
  current: true,
  createdAt: '2026-12-01T10:00:00.000Z',
};

/** The rubrics page as its administrator sees it; a new version is stored when the test says. */
function serve(rubric: Rubric = clinical) {
  let store: () => void = () => {};
  const created = vi.fn();
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200 });
      if (path === '/api/auth/session/current') return json(admin);
      if (method === 'GET' && path === '/api/grading/rubrics') return json({ rubrics: [rubric] });
      if (method === 'POST' && path === '/api/grading/rubrics') {
        created();
        await new Promise<void>((resolve) => (store = resolve));
        return json({
          rubric: { ...clinical, version: 2 },
          takeover: { responsesMoved: 3, responsesKept: 1, readingsInProgress: 2 },
        });
      }
      throw new Error(`unexpected request ${method} ${path}`);
    }),
  );
  return { created, store: () => store() };
}

describe('editing a rubric', () => {
  it('starts on the title, sends one new version for two presses, and returns to Edit', async () => {
    const server = serve();
    render(
      <MemoryRouter>
        <SessionProvider>
          <RubricsPage />
        </SessionProvider>
      </MemoryRouter>,
    );
    const edit = await screen.findByRole('button', { name: 'Edit the Clinical rubric' });
    edit.focus();
    fireEvent.click(edit);
    // The Edit button is gone: focus is on the editor's first field, not the page body.
    await vi.waitFor(() =>
      expect(document.activeElement).toBe(screen.getByLabelText('Rubric title')),
    );

    const saveNew = screen.getByRole('button', { name: 'Save as a new version' });
    fireEvent.click(saveNew);
    fireEvent.click(saveNew);
    await vi.waitFor(() => expect(server.created).toHaveBeenCalled());
    server.store();
    // Told what the version took over, and what stays on the version graders were given.
    await screen.findByText(
      'Saved as version 2. 3 responses no grader had been given yet are now scored with it. 1 response graders already hold stays on the version it was given with, 2 readings still in progress.',
    );
    expect(server.created).toHaveBeenCalledOnce();
    // Focus moves once the editor has closed, which can be a tick after the message shows.
    await vi.waitFor(() =>
      expect(document.activeElement).toBe(
        screen.getByRole('button', { name: 'Edit the Clinical rubric' }),
      ),
    );
  });

  it.each([
    ['unused', null],
    ['in scoring', '2026-12-02T10:00:00.000Z'],
  ])(
    'says beside Save as a new version, for a version %s, that graders qualify again',
    async (_state, scoringStartedAt) => {
      serve({ ...clinical, scoringStartedAt });
      render(
        <MemoryRouter>
          <SessionProvider>
            <RubricsPage />
          </SessionProvider>
        </MemoryRouter>,
      );
      fireEvent.click(await screen.findByRole('button', { name: 'Edit the Clinical rubric' }));
      const saveNew = screen.getByRole('button', { name: 'Save as a new version' });
      const described = (saveNew.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' ');
      expect(described).toContain(
        'every grader of this variant must qualify again on the new version',
      );
    },
  );

  it('puts focus back on Edit when the editor is cancelled', async () => {
    serve();
    render(
      <MemoryRouter>
        <SessionProvider>
          <RubricsPage />
        </SessionProvider>
      </MemoryRouter>,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Edit the Clinical rubric' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await vi.waitFor(() =>
      expect(document.activeElement).toBe(
        screen.getByRole('button', { name: 'Edit the Clinical rubric' }),
      ),
    );
  });
});

describe('what a new version took over', () => {
  it('says so for nothing moved or kept, and in the singular', () => {
    expect(takeoverMessage(4, { responsesMoved: 0, responsesKept: 0, readingsInProgress: 0 })).toBe(
      'Saved as version 4. No response was waiting for a grader, so none moved to it. No response graders hold stays on an earlier version.',
    );
    expect(takeoverMessage(2, { responsesMoved: 1, responsesKept: 2, readingsInProgress: 1 })).toBe(
      'Saved as version 2. 1 response no grader had been given yet is now scored with it. 2 responses graders already hold stay on the version they were given with, 1 reading still in progress.',
    );
  });
});
