import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { App } from '../src/App';
import { SessionProvider } from '../src/features/auth';

type Handler = (init: RequestInit | undefined) => { status: number; body?: unknown };

/** A fake server: one handler per "METHOD path". */
function serve(routes: Record<string, Handler>) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string, init?: RequestInit) => {
      const handler = routes[`${init?.method ?? 'GET'} ${path}`];
      if (!handler) throw new Error(`unexpected request ${init?.method ?? 'GET'} ${path}`);
      const { status, body } = handler(init);
      return new Response(body === undefined ? null : JSON.stringify(body), { status });
    }),
  );
}

/** Nobody signed in: the page-load probe answers 204, so the console logs no failed request. */
const signedOut: Handler = () => ({ status: 204, body: undefined });

function renderApp(path = '/login') {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <SessionProvider>
        <App />
      </SessionProvider>
    </MemoryRouter>,
  );
}

async function submit(email: string, password: string) {
  fireEvent.change(await screen.findByLabelText('Email address'), { target: { value: email } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('LoginPage', () => {
  it("shows the server's error message in an alert", async () => {
    serve({
      'GET /api/auth/session/current': signedOut,
      'POST /api/auth/login': () => ({
        status: 401,
        body: {
          error: { code: 'INVALID_CREDENTIALS', message: 'Email or password is incorrect.' },
        },
      }),
    });
    renderApp();
    await submit('someone@demo.test', 'wrong-password');
    const alert = await screen.findByText('Email or password is incorrect.');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(document.title).toBe('Sign in – Endorsement Exams');
  });

  it('shows the rate-limit message the server sends', async () => {
    serve({
      'GET /api/auth/session/current': signedOut,
      'POST /api/auth/login': () => ({
        status: 429,
        body: {
          error: {
            code: 'RATE_LIMITED',
            message: 'Too many failed sign-in attempts. Try again later.',
          },
        },
      }),
    });
    renderApp();
    await submit('someone@demo.test', 'wrong-password');
    // The alert region is on the page (empty) before the answer arrives: wait for the words.
    const alert = await screen.findByText('Too many failed sign-in attempts. Try again later.');
    expect(alert.getAttribute('role')).toBe('alert');
  });

  it('asks for both fields before calling the server', async () => {
    serve({ 'GET /api/auth/session/current': signedOut });
    renderApp();
    await submit('', '');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Enter your email address and password.',
    );
  });

  it('signs in and shows the home page with the embedded-database notice for staff', async () => {
    const session = {
      user: {
        id: '0b7f0e3e-5c1a-4d8e-9f2a-1a2b3c4d5e6f',
        email: 'proctor@demo.test',
        displayName: 'Priya Proctor',
        roles: ['proctor'],
        association: null,
        memberships: [],
        timeZone: 'UTC',
      },
      embeddedDatabase: true,
    };
    let sent: unknown;
    serve({
      'GET /api/auth/session/current': signedOut,
      'POST /api/auth/login': (init) => {
        sent = JSON.parse(String(init?.body));
        return { status: 200, body: session };
      },
    });
    renderApp();
    await submit('  Proctor@Demo.test ', 'demo-password-2026');
    expect(await screen.findByRole('heading', { level: 1, name: 'Home' })).toBeTruthy();
    expect(sent).toEqual({ email: 'proctor@demo.test', password: 'demo-password-2026' });
    expect(screen.getByRole('banner').textContent).toContain('Signed in as Priya Proctor');
    expect(
      screen.getByText(
        'Embedded database: for trying the platform and practice sittings only — not for a live sitting.',
      ),
    ).toBeTruthy();
  });
});
