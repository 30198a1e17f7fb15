import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { ExamClient } from './exam-client';
import type { ExamState } from './exam-state';
import { memoryOutbox, openOutbox } from './outbox';

function socketUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/ws/exam`;
}

/** One exam client per signed-in candidate, wired to the browser's network and visibility events. */
export function useExamClient(userId: string): { client: ExamClient; state: ExamState } {
  const client = useMemo(() => {
    const outbox = typeof indexedDB === 'undefined' ? memoryOutbox() : openOutbox(userId);
    return new ExamClient({ url: socketUrl(), outbox });
  }, [userId]);

  useEffect(() => {
    void client.start();
    const online = () => client.networkChanged(true);
    const offline = () => client.networkChanged(false);
    // Hiding the tab or leaving the page saves drafts now rather than after the debounce.
    const visibility = () => {
      if (document.visibilityState === 'visible') client.pageVisible();
      else void client.flushDrafts();
    };
    const pagehide = () => void client.flushDrafts();
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    window.addEventListener('pagehide', pagehide);
    document.addEventListener('visibilitychange', visibility);
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
      window.removeEventListener('pagehide', pagehide);
      document.removeEventListener('visibilitychange', visibility);
      void client.flushDrafts();
      client.dispose();
    };
  }, [client]);

  const state = useSyncExternalStore(client.subscribe, client.getState);
  return { client, state };
}

/** Re-renders on a timer so time-derived text stays current; the time itself is always recomputed. */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}
