import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import type { GradingResponseView } from '@exam/shared/api';
import { SessionProvider } from '../src/features/auth';
import { ScoreResponsePage } from '../src/features/grading/ScoreResponsePage';
import { twoCriteriaRubric } from './helpers/rubric-fixture';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const code = 'R-ABCDEFGH';
const view = (version: number, title: string): GradingResponseView => ({
  code,
  role: 'reader',
  variant: 'clinical',
  vignette: { title: 'A vignette', caseText: ['Case.'], prompts: ['Prompt?'] },
  responseHtml: '<p>Text</p>',
  words: 1,
  rubric: { ...twoCriteriaRubric, version, title },
  sheet: { status: 'new', scores: [], flagged: false, flagNote: '' },
  otherReadings: [],
});

const refusal =
  'Not saved: this response is scored with version 1 of its rubric, and your sheet was made with version 2. Reload the response to score it with version 1; copy any evidence you want to keep first.';

/**
 * A page opened on version 2 of a response that is pinned to version 1 (its reading was taken
 * back and given again while the tab stayed open): the server answers the view with version 1
 * from then on and refuses the draft made with version 2.
 */
function serve() {
  let shown = view(2, 'Clinical rubric (v2)');
  const drafts: unknown[] = [];
  const fetchMock = vi.fn(async (path: string, init?: RequestInit) => {
    const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });
    const method = init?.method ?? 'GET';
    if (path === '/api/auth/session/current')
      return json(401, { error: { code: 'UNAUTHENTICATED', message: 'Please sign in.' } });
    if (path === '/api/grading/comment-bank') return json(200, { comments: [] });
    if (path === `/api/grading/queue/${code}/annotations`)
      return json(200, { own: [], others: [] });
    if (method === 'GET' && path === `/api/grading/queue/${code}`) {
      const body = shown;
      shown = view(1, 'Clinical rubric');
      return json(200, body);
    }
    if (method === 'PUT' && path === `/api/grading/queue/${code}/draft`) {
      drafts.push(JSON.parse(String(init?.body)));
      return json(409, { error: { code: 'RUBRIC_VERSION_MISMATCH', message: refusal } });
    }
    throw new Error(`unexpected request ${method} ${path}`);
  });
  vi.stubGlobal('fetch', fetchMock);
  return { drafts };
}

describe('the rubric version a grader scores with', () => {
  it('names the pinned version, sends it with the sheet, and on a refusal offers to reload onto it', async () => {
    const server = serve();
    render(
      <MemoryRouter initialEntries={[`/grading/${code}`]}>
        <SessionProvider>
          <Routes>
            <Route path="/grading/:code" element={<ScoreResponsePage />} />
          </Routes>
        </SessionProvider>
      </MemoryRouter>,
    );
    const heading = await screen.findByRole('heading', {
      name: 'Clinical rubric (v2) (version 2)',
    });
    expect(heading).toBeTruthy();
    screen.getByText(
      'Every reader of this response scores it with version 2, even if a newer version of the rubric is published while you score.',
    );

    const reflection = screen.getByRole('group', { name: /^Reflection/ });
    fireEvent.click(within(reflection).getByRole('radio', { name: '3 Proficient' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save draft' }));
    const alert = await screen.findByText(refusal);
    expect(alert.getAttribute('role')).toBe('alert');
    // The sheet named the version the grader was shown.
    expect(server.drafts).toEqual([
      expect.objectContaining({
        rubricVersion: 2,
        scores: expect.arrayContaining([{ criterionId: 'reflection', level: 3, comment: '' }]),
      }),
    ]);

    fireEvent.click(screen.getByRole('button', { name: 'Reload the response' }));
    // The sheet is replaced by one on version 1, empty as the server has it, with focus on its
    // heading (the button that had focus went with the old sheet).
    const pinned = await screen.findByRole('heading', { name: 'Clinical rubric (version 1)' });
    await vi.waitFor(() => expect(document.activeElement).toBe(pinned));
    screen.getByText(
      'Every reader of this response scores it with version 1, even if a newer version of the rubric is published while you score.',
    );
    expect(screen.queryByText(refusal)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Reload the response' })).toBeNull();
    const fresh = screen.getByRole('group', { name: /^Reflection/ });
    expect(
      (within(fresh).getByRole('radio', { name: '3 Proficient' }) as HTMLInputElement).checked,
    ).toBe(false);
  });
});
