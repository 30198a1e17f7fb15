import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { displayedRemainingMs } from '@exam/shared/domain';
import type { PartClock } from '@exam/shared/protocol';
import { deviceSigner } from './device-key';
import { ExamClient } from './exam-client';
import { isTimeUp, type ExamState } from './exam-state';
import { memoryOutbox, openOutbox } from './outbox';

function socketUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/ws/exam`;
}

/** One exam client per signed-in candidate, wired to the browser's network and visibility events. */
export function useExamClient(userId: string): { client: ExamClient; state: ExamState } {
  const client = useMemo(() => {
    const outbox = typeof indexedDB === 'undefined' ? memoryOutbox() : openOutbox(userId);
    return new ExamClient({ url: socketUrl(), outbox, device: deviceSigner });
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

/**
 * True from the moment the part's deadline passes as this device measures it (deadline - (now +
 * skew)): a timer set for exactly that moment, so the screen turns read-only at 0:00, not at the
 * next tick. ExamClient.timeIsUp applies the same rule to every change.
 */
export function useTimeUp(clock: PartClock | undefined, skewMs: number): boolean {
  const status = clock?.status;
  const deadline = clock?.deadline ?? null;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (status !== 'running' || deadline === null) return;
    const remaining = displayedRemainingMs(deadline, Date.now(), skewMs);
    if (remaining <= 0 && now >= deadline - skewMs) return;
    // Timers round their delay (the skew has fractions of a millisecond): if this one fires a
    // hair early, `now` changes and the effect sets the next one.
    const timer = setTimeout(() => setNow(Date.now()), Math.ceil(remaining) + 1);
    return () => clearTimeout(timer);
  }, [status, deadline, skewMs, now]);
  return isTimeUp(status && { ...partShape, status, deadline }, now, skewMs);
}

/** Only status and deadline decide whether time is up; the rest of a clock is filler here. */
const partShape = { part: 1, remainingMs: 0, allowedMs: 0 } as const;
