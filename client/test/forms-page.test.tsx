import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { SessionProvider } from '../src/features/auth';
import { FormsPage } from '../src/features/bank';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const admin = {
  user: {
    id: '00000000-0000-4000-8000-0000000000a1',
    email: 'admin@demo.test',
    displayName: 'Ada Admin',
    roles: ['admin'],
    association: null,
    memberships: [],
    timeZone: 'UTC',
  },
  embeddedDatabase: false,
};

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
