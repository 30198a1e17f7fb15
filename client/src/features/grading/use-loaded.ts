import { useCallback, useEffect, useState } from 'react';
import { ApiError, messageOf } from '../../lib/api';
import { useSession } from '../auth';

export type Loaded<T> =
  { status: 'loading' } | { status: 'loaded'; data: T } | { status: 'failed'; message: string };

/**
 * Loads something from the API when the page mounts (and again on `reload`), aborting a load the
 * page no longer needs; an expired session sends the user to sign in again.
 */
export function useLoaded<T>(load: (signal: AbortSignal) => Promise<T>) {
  const { expired } = useSession();
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'loaded', data });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 401) expired();
        setState({ status: 'failed', message: messageOf(error) });
      },
    );
    return () => controller.abort();
  }, [load, expired, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const replace = useCallback((data: T) => setState({ status: 'loaded', data }), []);
  return { state, reload, replace };
}
