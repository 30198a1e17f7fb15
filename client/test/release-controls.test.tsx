import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { SessionProvider } from '../src/features/auth';
import { ReleaseControls } from '../src/features/results/ReleaseControls';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** Dates are shown in the session's zone; the fake server says nobody is signed in (UTC then). */
function renderControls(release: () => Promise<boolean>) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response('{}', { status: 401 })),
  );
  render(
    <SessionProvider>
      <Harness release={release} />
    </SessionProvider>,
  );
}

/** The page's part: a release that resolves when the test says, then shows the sitting released. */
function Harness(props: { release(): Promise<boolean> }) {
  const [released, setReleased] = useState(false);
  return (
    <ReleaseControls
      released={released}
      releasedAt={released ? '2026-12-07T11:15:00.000Z' : null}
      blockers={[]}
      release={async () => {
        const ok = await props.release();
        if (ok) setReleased(true);
        return ok;
      }}
    />
  );
}

describe('releasing results', () => {
  it('asks first with focus on Cancel, returns focus on Cancel, and keeps it after release', async () => {
    let finish: (ok: boolean) => void = () => {};
    const release = vi.fn(() => new Promise<boolean>((resolve) => (finish = resolve)));
    renderControls(release);

    const start = screen.getByRole('button', { name: 'Release results' });
    start.focus();
    fireEvent.click(start);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));

    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Release results' }));

    fireEvent.click(screen.getByRole('button', { name: 'Release results' }));
    const confirm = screen.getByRole('button', { name: 'Confirm release' });
    confirm.focus();
    fireEvent.click(confirm);
    // A second press while the first is on its way sends nothing.
    fireEvent.click(confirm);
    expect(release).toHaveBeenCalledOnce();

    finish(true);
    await screen.findByText(/^Released on /);
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Release' })),
    );
  });

  it('keeps the question open when the release is refused', async () => {
    renderControls(() => Promise.resolve(false));
    fireEvent.click(screen.getByRole('button', { name: 'Release results' }));
    fireEvent.click(screen.getByRole('button', { name: 'Confirm release' }));
    await screen.findByRole('button', { name: 'Confirm release' });
    expect(screen.queryByText(/^Released on /)).toBeNull();
  });
});
