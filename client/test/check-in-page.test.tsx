import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import type { MyCheckIn } from '@exam/shared/api';
import { SessionProvider } from '../src/features/auth';
import { CheckInPage } from '../src/features/check-in/CheckInPage';

/** A fake server: the session probe says nobody (204), and the check-in answers as given. */
function serve(checkIn: { status: number; body: unknown }) {
  const fetchMock = vi.fn(async (path: string) => {
    if (path === '/api/auth/session/current') return new Response(null, { status: 204 });
    if (path === '/api/check-in/mine')
      return new Response(JSON.stringify(checkIn.body), { status: checkIn.status });
    throw new Error(`unexpected request ${path}`);
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function renderPage() {
  render(
    <MemoryRouter initialEntries={['/check-in']}>
      <SessionProvider>
        <CheckInPage />
      </SessionProvider>
    </MemoryRouter>,
  );
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('CheckInPage', () => {
  it('says plainly that there is no sitting to check in for, with no error and no camera', async () => {
    serve({ status: 200, body: { checkIn: null } });
    renderPage();
    const message = await screen.findByText(/You have no sitting to check in for right now/);
    expect(message.getAttribute('role')).toBe('status');
    expect(screen.getByRole('link', { name: 'My exam' }).getAttribute('href')).toBe('/my-exam');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Turn on the camera' })).toBeNull();
  });

  it("shows the server's message in an alert when the look-up really fails", async () => {
    serve({
      status: 500,
      body: { error: { code: 'INTERNAL', message: 'Something failed on the server.' } },
    });
    renderPage();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Something failed on the server.');
    expect(screen.queryByText(/no sitting to check in for/)).toBeNull();
  });

  it('shows the sitting and what is still to do when there is a check-in', async () => {
    const checkIn: MyCheckIn = {
      enrolmentId: '00000000-0000-4000-8000-000000000001',
      sittingName: 'Spring sitting',
      remote: true,
      required: true,
      status: 'not-started',
      photos: [],
      decisionReason: null,
    };
    serve({ status: 200, body: { checkIn } });
    renderPage();
    expect(await screen.findByText('Spring sitting', { exact: false })).toBeTruthy();
    expect(screen.getByText('Take a photo of your face and one of your photo ID.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Turn on the camera' })).toBeTruthy();
    expect(screen.queryByText(/no sitting to check in for/)).toBeNull();
  });
});
