import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import type { GradingResponseView } from '@exam/shared/api';
import { SessionProvider } from '../src/features/auth';
import { ScoreSheetForm } from '../src/features/grading/ScoreSheetForm';
import { ScoreChart } from '../src/features/results/ScoreChart';
import { twoCriteriaRubric } from './helpers/rubric-fixture';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const view: GradingResponseView = {
  code: 'R-ABCDEFGH',
  role: 'reader',
  variant: 'clinical',
  vignette: { title: 'A vignette', caseText: ['Case.'], prompts: ['Prompt?'] },
  responseHtml: '<p>Text</p>',
  words: 1,
  rubric: twoCriteriaRubric,
  sheet: { status: 'new', scores: [], flagged: false, flagNote: '' },
  otherReadings: [],
};

function renderForm(onSaved = vi.fn()) {
  // The session provider asks who is signed in; the fake server says nobody, which the form never needs.
  render(
    <MemoryRouter>
      <SessionProvider>
        <ScoreSheetForm view={view} onSaved={onSaved} onReload={vi.fn()} />
      </SessionProvider>
    </MemoryRouter>,
  );
  return onSaved;
}

function serve(handler: (path: string, init?: RequestInit) => { status: number; body: unknown }) {
  const fetchMock = vi.fn(async (path: string, init?: RequestInit) => {
    const { status, body } = handler(path, init);
    return new Response(JSON.stringify(body), { status });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

describe('the score sheet', () => {
  it('sends one level and evidence per criterion, asks before the final submit, and says it is final', async () => {
    const submitted = { status: 'submitted', scores: [], flagged: false, flagNote: '' };
    const fetchMock = serve((path) =>
      path.endsWith('/submit')
        ? { status: 200, body: { sheet: submitted } }
        : { status: 401, body: { error: { code: 'UNAUTHENTICATED', message: 'Please sign in.' } } },
    );
    const onSaved = renderForm();
    const reflection = screen.getByRole('group', { name: /^Reflection/ });
    fireEvent.click(within(reflection).getByRole('radio', { name: '3 Proficient' }));
    fireEvent.change(within(reflection).getByLabelText('Evidence for Reflection'), {
      target: { value: 'Names her own reaction' },
    });
    const thinking = screen.getByRole('group', { name: /^Thinking/ });
    fireEvent.click(within(thinking).getByRole('radio', { name: '2 Emerging' }));
    fireEvent.click(screen.getByRole('button', { name: 'Submit' }));
    // Nothing is sent until the grader confirms.
    expect(fetchMock.mock.calls.filter(([p]) => String(p).endsWith('/submit'))).toHaveLength(0);
    fireEvent.click(await screen.findByRole('button', { name: 'Confirm submit' }));
    await screen.findByText('Submitted your reading of R-ABCDEFGH. It is final.');
    const call = fetchMock.mock.calls.find(([p]) => String(p).endsWith('/submit'));
    expect(JSON.parse(String(call?.[1]?.body))).toEqual({
      rubricVersion: 1,
      scores: [
        { criterionId: 'reflection', level: 3, comment: 'Names her own reaction' },
        { criterionId: 'thinking', level: 2, comment: '' },
      ],
      flagged: false,
      flagNote: '',
    });
    expect(onSaved).toHaveBeenCalledWith(submitted);
  });

  it('shows the server refusal as an alert', async () => {
    serve((path) =>
      path.endsWith('/submit')
        ? {
            status: 400,
            body: {
              error: { code: 'SHEET_INCOMPLETE', message: 'Not submitted: Choose a level.' },
            },
          }
        : { status: 401, body: { error: { code: 'UNAUTHENTICATED', message: 'Please sign in.' } } },
    );
    renderForm();
    fireEvent.click(screen.getByRole('button', { name: 'Submit' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Confirm submit' }));
    const alert = await screen.findByText('Not submitted: Choose a level.');
    expect(alert.getAttribute('role')).toBe('alert');
  });
});

describe('the score chart', () => {
  it('gives the same numbers as a labelled image and as a table', () => {
    render(
      <ScoreChart
        distribution={{
          title: 'Part One',
          unit: 'candidates',
          note: 'Pass mark: 48 of 60.',
          bins: [
            { label: '0–29', count: 0 },
            { label: '30–59', count: 2 },
            { label: '60', count: 1 },
          ],
        }}
      />,
    );
    expect(screen.getByRole('img').getAttribute('aria-label')).toBe(
      'Part One, candidates per band: 30–59: 2, 60: 1.',
    );
    const rows = within(screen.getByRole('table', { name: 'Part One: the numbers' })).getAllByRole(
      'row',
    );
    expect(rows.map((r) => r.textContent)).toEqual([
      'BandNumber of candidates',
      '0–290',
      '30–592',
      '601',
    ]);
  });
});
