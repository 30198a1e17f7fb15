import { useCallback, useState } from 'react';

const keyOf = (attemptId: string, part: 1 | 2) => `exam-open:${attemptId}:part-${part}`;

function remembered(
  attemptId: string | undefined,
  part: 1 | 2,
  fallback: number,
  valid: (position: number) => boolean,
): number {
  if (!attemptId) return fallback;
  try {
    const stored = Number(window.localStorage.getItem(keyOf(attemptId, part)));
    return Number.isInteger(stored) && valid(stored) ? stored : fallback;
  } catch {
    return fallback;
  }
}

/**
 * The question (Part One) or vignette (Part Two) on screen, remembered on this device per
 * attempt (localStorage outlives a crashed or closed browser), so signing in again reopens
 * where the candidate was rather than at the first. Only a position is kept; answers live in
 * the outbox and on the server.
 */
export function useOpenPosition(
  attemptId: string | undefined,
  part: 1 | 2,
  fallback: number,
  valid: (position: number) => boolean,
): [number, (position: number) => void] {
  const [current, setCurrent] = useState(() => remembered(attemptId, part, fallback, valid));
  const open = useCallback(
    (position: number) => {
      setCurrent(position);
      if (!attemptId) return;
      try {
        window.localStorage.setItem(keyOf(attemptId, part), String(position));
      } catch {
        // Storage refused (a private window): the position is still open, just not remembered.
      }
    },
    [attemptId, part],
  );
  return [current, open];
}
