import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { SessionProvider } from '../src/features/auth';
import { SaveIndicator } from '../src/features/exam/SaveIndicator';
import { initialExamState, type ExamState } from '../src/features/exam/exam-state';
import { adminSession } from './helpers/sessions';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const at = (change: Partial<ExamState>): ExamState => ({
  ...initialExamState,
  savedAny: true,
  lastSavedAt: Date.UTC(2026, 11, 7, 14, 30, 5),
  ...change,
});

/**
 * What a screen reader hears of the save state: the status bar's sentence is not a live region
 * (it changes with every click, which would flood the candidate), so losing the connection and
 * getting it back are said once each, politely, in a region of their own.
 */
describe('the connection is announced, once each way', () => {
  it('says the candidate is offline, says nothing while changes wait or save, and says when all is saved again', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify(adminSession), { status: 200 })),
    );
    const { rerender } = render(
      <SessionProvider>
        <SaveIndicator state={at({ connection: 'open' })} />
      </SessionProvider>,
    );
    const show = (state: ExamState) =>
      rerender(
        <SessionProvider>
          <SaveIndicator state={state} />
        </SessionProvider>,
      );
    const region = () => screen.getByRole('status');
    await waitFor(() =>
      expect(screen.getByTestId('save-indicator').textContent).toMatch(/\(UTC\)$/),
    );
    expect(region().textContent).toBe('');

    // Saving as usual is not announced.
    show(at({ connection: 'open', pendingCount: 1 }));
    show(at({ connection: 'open' }));
    expect(region().textContent).toBe('');

    show(at({ connection: 'offline' }));
    const offline =
      'You are offline. Your changes are kept on this device and saved when the connection is back.';
    expect(region().textContent).toBe(offline);
    // More changes offline, and a failed reconnect, say nothing new.
    show(at({ connection: 'offline', pendingCount: 2 }));
    show(at({ connection: 'reconnecting', pendingCount: 2 }));
    show(at({ connection: 'open', pendingCount: 2 }));
    expect(region().textContent).toBe(offline);

    show(at({ connection: 'open', lastSavedAt: Date.UTC(2026, 11, 7, 14, 31, 0) }));
    expect(region().textContent).toBe('Back online. All answers saved – 2:31:00 PM (UTC)');
    show(at({ connection: 'open', pendingCount: 1 }));
    show(at({ connection: 'open' }));
    expect(region().textContent).toBe('Back online. All answers saved – 2:31:00 PM (UTC)');

    // A dropped socket (not the browser going offline) is said in its own words.
    show(at({ connection: 'reconnecting' }));
    expect(region().textContent).toBe(
      'Connection lost; reconnecting. Your changes are kept on this device.',
    );
  });
});
