import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { SessionProvider } from '../src/features/auth';
import { FormsPage } from '../src/features/bank';
import { adminSession as admin } from './helpers/sessions';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const blueprint = {
  cells: [
    { domain: 'reflection', ageBand: 'prenatal', count: 2 },
    { domain: 'thinking', ageBand: '0-3', count: 3 },
  ],
};

function renderPage() {
  const posted = vi.fn();
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200 });
      if (path === '/api/auth/session/current') return json(admin);
      if (method === 'GET' && path === '/api/bank/forms') return json({ forms: [] });
      if (method === 'GET' && path === '/api/bank/blueprints')
        return json({
          defaults: { 'IMH-E': blueprint, 'ECMH-E': blueprint },
          available: blueprint.cells.map((c) => ({ ...c, count: 5 })),
        });
      posted();
      throw new Error(`unexpected request ${method} ${path}`);
    }),
  );
  render(
    <MemoryRouter>
      <SessionProvider>
        <FormsPage />
      </SessionProvider>
    </MemoryRouter>,
  );
  return posted;
}

describe('assembling a form', () => {
  it.each([
    ['-1', 'Thinking, Birth to 3: give a whole number of questions from 0 to 200.'],
    ['1.5', 'Thinking, Birth to 3: give a whole number of questions from 0 to 200.'],
    ['500', 'Thinking, Birth to 3: give a whole number of questions from 0 to 200.'],
  ])(
    'names the blueprint cell whose count %s is refused, and sends nothing',
    async (count, problem) => {
      const posted = renderPage();
      fireEvent.change(await screen.findByLabelText('Form name'), {
        target: { value: 'Winter form' },
      });
      fireEvent.change(screen.getByLabelText('Thinking, Birth to 3: questions (5 published)'), {
        target: { value: count },
      });
      fireEvent.click(screen.getByRole('button', { name: 'Assemble form' }));
      expect((await screen.findByText(problem)).getAttribute('role')).toBe('alert');
      expect(posted).not.toHaveBeenCalled();
    },
  );

  it('says a blueprint of nothing but zeros asks for no question', async () => {
    renderPage();
    fireEvent.change(await screen.findByLabelText('Form name'), {
      target: { value: 'Winter form' },
    });
    for (const label of [
      'Reflection, Prenatal: questions (5 published)',
      'Thinking, Birth to 3: questions (5 published)',
    ])
      fireEvent.change(screen.getByLabelText(label), { target: { value: '0' } });
    fireEvent.click(screen.getByRole('button', { name: 'Assemble form' }));
    await screen.findByText('Blueprint: Give at least one question.');
  });
});

const draft = {
  id: '00000000-0000-4000-8000-0000000000f1',
  endorsement: 'IMH-E',
  name: 'Winter form',
  status: 'draft',
  itemCount: 5,
  cutScore: 0,
  seed: 'winter',
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
};

/** A forms page whose one draft form moves to `after` when the action is posted. */
function renderWithForm(after: 'active' | 'retired') {
  const posts: string[] = [];
  let status = 'draft';
  let answer: (() => void) | null = null;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200 });
      if (path === '/api/auth/session/current') return json(admin);
      if (method === 'GET' && path === '/api/bank/forms')
        return json({ forms: [{ ...draft, status }] });
      if (method === 'GET' && path === '/api/bank/blueprints')
        return json({
          defaults: { 'IMH-E': blueprint, 'ECMH-E': blueprint },
          available: blueprint.cells.map((c) => ({ ...c, count: 5 })),
        });
      posts.push(path);
      // The server answers when the test says so, so a second press can land while it works.
      await new Promise<void>((resolve) => (answer = resolve));
      status = after;
      return json({ form: { ...draft, status, blueprint, items: [] } });
    }),
  );
  render(
    <MemoryRouter>
      <SessionProvider>
        <FormsPage />
      </SessionProvider>
    </MemoryRouter>,
  );
  return { posts, answer: () => answer?.() };
}

describe('activating and retiring a form', () => {
  it.each([
    ['Activate', 'active', 'activate'],
    ['Retire', 'retired', 'retire'],
  ] as const)(
    '%s sends once however often it is pressed, and leaves focus on the row’s new status',
    async (label, after, action) => {
      const { posts, answer } = renderWithForm(after);
      const button = await screen.findByRole('button', { name: `${label} Winter form` });
      button.focus();
      fireEvent.click(button);
      fireEvent.click(button);
      answer();
      const row = (await screen.findByRole('rowheader', { name: 'Winter form' })).closest('tr')!;
      await waitFor(() => expect(within(row).queryByText(after)).not.toBeNull());
      fireEvent.click(button);
      expect(posts).toEqual([`/api/bank/forms/${draft.id}/${action}`]);
      await waitFor(() => expect(document.activeElement).toBe(within(row).getByText(after)));
    },
  );
});
