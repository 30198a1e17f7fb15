import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, expect, vi } from 'vitest';
import { SessionProvider } from '../../src/features/auth';

// A file that stubs its server with these starts each test on a clean page with the real fetch.
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** A JSON answer (no body for `undefined`). */
export const json = (status: number, body: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), { status });

/** What the session route answers in these tests: nobody is signed in, which pages cope with. */
export const signedOut = () =>
  json(401, { error: { code: 'UNAUTHENTICATED', message: 'Please sign in.' } });

type Route = (
  path: string,
  init: RequestInit | undefined,
  hold: () => Promise<void>,
) => Promise<Response>;

/**
 * A stubbed server whose answers the test can hold: a route that awaits `hold()` answers only
 * once the test calls `release()`, so a button can be pressed twice while the first request is
 * on its way.
 */
export function heldServer(route: Route) {
  const waiting: (() => void)[] = [];
  const hold = () => new Promise<void>((resolve) => waiting.push(resolve));
  const fetchMock = vi.fn((path: string, init?: RequestInit) => route(String(path), init, hold));
  vi.stubGlobal('fetch', fetchMock);
  return {
    /** The requests made with `method`, and (if given) to a path that `pathMatches`. */
    calls: (method: string, pathMatches: (path: string) => boolean = () => true) =>
      fetchMock.mock.calls.filter(
        ([path, init]) => (init?.method ?? 'GET') === method && pathMatches(String(path)),
      ),
    release: () => waiting.splice(0).forEach((go) => go()),
  };
}

/** Renders `ui` inside the session provider, as the app does. */
export function renderInSession(ui: ReactNode) {
  return render(<SessionProvider>{ui}</SessionProvider>);
}

/**
 * Presses `button` twice, as a double click does, while the first request is held; then lets
 * the held answers go. The caller checks that `sent()` holds one request.
 */
export async function pressTwice(
  button: HTMLElement,
  sent: () => unknown[],
  release: () => void,
): Promise<void> {
  fireEvent.click(button);
  fireEvent.click(button);
  await waitFor(() => expect(sent().length).toBeGreaterThan(0));
  await act(async () => release());
}
