import { useCallback, useState } from 'react';

const keyOf = (attemptId: string) => `exam-open-question:${attemptId}`;

function remembered(attemptId: string | undefined, total: number): number {
  if (!attemptId) return 1;
  try {
    const stored = Number(window.localStorage.getItem(keyOf(attemptId)));
    return Number.isInteger(stored) && stored >= 1 && stored <= total ? stored : 1;
  } catch {
    return 1;
  }
}

/**
 * The Part One question on screen, remembered on this device per attempt (localStorage outlives
 * a crashed or closed browser), so signing in again reopens the question the candidate was on
 * rather than question 1. Only a position is kept; answers live in the outbox and the server.
 */
export function useOpenQuestion(
  attemptId: string | undefined,
  total: number,
): [number, (position: number) => void] {
  const [current, setCurrent] = useState(() => remembered(attemptId, total));
  const open = useCallback(
    (position: number) => {
      setCurrent(position);
      if (!attemptId) return;
      try {
        window.localStorage.setItem(keyOf(attemptId), String(position));
      } catch {
        // Storage refused (a private window): the question is still open, just not remembered.
      }
    },
    [attemptId],
  );
  return [current, open];
}
