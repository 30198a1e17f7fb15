import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { SessionProvider, useSession } from '../src/features/auth';
import { ApiError } from '../src/lib/api';
import { useLoad } from '../src/lib/use-load';

beforeEach(() => {
  // The provider asks who is signed in; leaving that unanswered keeps it 'loading' until a 401
  // from a page load marks the session expired.
  vi.stubGlobal(
    'fetch',
    vi.fn(() => new Promise<Response>(() => {})),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const wrapper = ({ children }: { children: ReactNode }) => (
  <SessionProvider>{children}</SessionProvider>
);

/** A load the test answers by hand, recording each call's input and signal. */
function manualLoads() {
  const calls: {
    input: string;
    signal: AbortSignal;
    resolve(value: string): void;
    reject(error: unknown): void;
  }[] = [];
  const load = (input: string, signal: AbortSignal) =>
    new Promise<string>((resolve, reject) => calls.push({ input, signal, resolve, reject }));
  return { calls, load };
}

describe('useLoad, the one loader hook', () => {
  it('loads, takes a saved value with set, and fetches again on reload', async () => {
    const { calls, load } = manualLoads();
    const { result } = renderHook(() => useLoad((signal) => load('a', signal), ['a']), {
      wrapper,
    });
    expect(result.current.state).toEqual({ status: 'loading' });
    act(() => calls[0]!.resolve('first'));
    await waitFor(() => expect(result.current.state).toEqual({ status: 'loaded', data: 'first' }));

    act(() => result.current.set('saved'));
    expect(result.current.state).toEqual({ status: 'loaded', data: 'saved' });

    act(() => result.current.reload());
    await waitFor(() => expect(calls).toHaveLength(2));
    act(() => calls[1]!.resolve('again'));
    await waitFor(() => expect(result.current.state).toEqual({ status: 'loaded', data: 'again' }));
  });

  it('reads new inputs as loading, never as the old data, and aborts the load they replace', async () => {
    const { calls, load } = manualLoads();
    const { result, rerender } = renderHook(
      ({ id }: { id: string }) => useLoad((signal) => load(id, signal), [id]),
      { wrapper, initialProps: { id: 'one' } },
    );
    act(() => calls[0]!.resolve('data for one'));
    await waitFor(() => expect(result.current.state.status).toBe('loaded'));

    rerender({ id: 'two' });
    expect(result.current.state).toEqual({ status: 'loading' });
    await waitFor(() => expect(calls.map((c) => c.input)).toEqual(['one', 'two']));

    rerender({ id: 'three' });
    await waitFor(() => expect(calls).toHaveLength(3));
    expect(calls[1]!.signal.aborted).toBe(true);
    // A late answer for the abandoned input is dropped.
    act(() => calls[1]!.resolve('data for two'));
    act(() => calls[2]!.resolve('data for three'));
    await waitFor(() =>
      expect(result.current.state).toEqual({ status: 'loaded', data: 'data for three' }),
    );
  });

  it('shows the failure and ends the session when the server answers 401', async () => {
    const { calls, load } = manualLoads();
    const { result } = renderHook(
      () => ({ loaded: useLoad((signal) => load('x', signal), []), session: useSession() }),
      { wrapper },
    );
    expect(result.current.session.state.status).toBe('loading');
    act(() => calls[0]!.reject(new ApiError(401, 'UNAUTHENTICATED', 'Sign in again.')));
    await waitFor(() =>
      expect(result.current.loaded.state).toEqual({ status: 'failed', message: 'Sign in again.' }),
    );
    expect(result.current.session.state.status).toBe('signed-out');
  });
});
