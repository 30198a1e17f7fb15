import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, messageOf } from './api';
import { useSession } from '../features/auth';

/** What a page has from a load: still waiting, the data, or the message to show instead. */
export type Loaded<T> =
  { status: 'loading' } | { status: 'loaded'; data: T } | { status: 'failed'; message: string };

const loading = { status: 'loading' } as const;

/**
 * The one loader hook every page uses. Loads data for a page, aborting when the page goes away or the inputs change; a 401 ends the
 * session (the login page brings the user back). `reload` fetches again; `set` replaces the data
 * after a save so the page need not fetch what it already has.
 */
export function useLoad<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: readonly unknown[],
): { state: Loaded<T>; reload(): void; set(data: T): void } {
  const { expired } = useSession();
  // The latest `load` runs whenever `deps` (compared by value, so a filter object may be rebuilt
  // each render) or the reload generation change.
  const latest = useRef(load);
  useEffect(() => {
    latest.current = load;
  });
  const key = JSON.stringify(deps);
  // Results are kept with the inputs they answer: new inputs read as loading, never as stale data.
  const [result, setResult] = useState<{ key: string; state: Loaded<T> }>({ key, state: loading });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    latest.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setResult({ key, state: { status: 'loaded', data } });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 401) expired();
        setResult({ key, state: { status: 'failed', message: messageOf(error) } });
      },
    );
    return () => controller.abort();
  }, [key, generation, expired]);

  return {
    state: result.key === key ? result.state : loading,
    reload: useCallback(() => setGeneration((g) => g + 1), []),
    set: useCallback((data: T) => setResult({ key, state: { status: 'loaded', data } }), [key]),
  };
}

/** Runs a save, reporting a 401 to the session; returns the value or the error message. */
export function useSaver() {
  const { expired } = useSession();
  return useCallback(
    async <T>(
      action: () => Promise<T>,
    ): Promise<{ ok: true; value: T } | { ok: false; message: string }> => {
      try {
        return { ok: true, value: await action() };
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) expired();
        return { ok: false, message: messageOf(error) };
      }
    },
    [expired],
  );
}
