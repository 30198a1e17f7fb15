import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { SessionResponse } from '@exam/shared/api';
import { messageOf } from '../../lib/api';
import { fetchSession, logout as logoutRequest } from './auth.api';

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out' }
  | { status: 'signed-in'; session: SessionResponse }
  | { status: 'error'; message: string };

export interface SessionContextValue {
  state: SessionState;
  /** Records the session a successful login answered with. */
  signedIn(session: SessionResponse): void;
  /** Ends the session on the server, then forgets it here. */
  signOut(): Promise<void>;
  /** Forgets a session the server no longer accepts (it answered 401). */
  expired(): void;
  /** Asks the server again, after an error reaching it. */
  reload(): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/** Holds who is signed in, asked of the server once when the app loads. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    fetchSession(controller.signal).then(
      (session) => {
        if (controller.signal.aborted) return;
        setState(session ? { status: 'signed-in', session } : { status: 'signed-out' });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', message: messageOf(error) });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const signedIn = useCallback((session: SessionResponse) => {
    setState({ status: 'signed-in', session });
  }, []);

  const signOut = useCallback(async () => {
    await logoutRequest();
    setState({ status: 'signed-out' });
  }, []);

  const expired = useCallback(() => setState({ status: 'signed-out' }), []);

  const reload = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  const value = useMemo(
    () => ({ state, signedIn, signOut, expired, reload }),
    [state, signedIn, signOut, expired, reload],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}
