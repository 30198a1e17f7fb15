import { useEffect, useRef, useState } from 'react';
import { clockWarningsMinutes, formatRemaining, shownRemainingMs } from '@exam/shared/domain';
import type { PartClock } from '@exam/shared/protocol';
import { useNow } from './use-exam-client';

/**
 * Time left as `deadline - (now + skew)`, recomputed on every render; never counted down by
 * adding up intervals, so sleep, background tabs and slow timers cannot make it drift. Never
 * more than the server last said remained (shownRemainingMs), so never more than the part allows.
 */
export function ExamClock({ clock, skewMs }: { clock: PartClock; skewMs: number }) {
  const now = useNow(250);
  const remaining = shownRemainingMs(clock, now, skewMs);
  const [announcement, setAnnouncement] = useState('');
  const announced = useRef(new Set<number>());

  useEffect(() => {
    if (clock.status !== 'running') return;
    for (const minutes of clockWarningsMinutes) {
      // Time added by the proctor: the mark is ahead again, so it is said again when reached.
      // A minute's margin keeps a re-measured skew from saying it twice.
      if (remaining > (minutes + 1) * 60_000) announced.current.delete(minutes);
      if (
        remaining <= minutes * 60_000 &&
        remaining > (minutes - 1) * 60_000 &&
        !announced.current.has(minutes)
      ) {
        announced.current.add(minutes);
        setAnnouncement(
          `${minutes} ${minutes === 1 ? 'minute' : 'minutes'} remaining in Part ${clock.part}.`,
        );
      }
    }
  }, [remaining, clock.status, clock.part]);

  const low = clock.status === 'running' && remaining <= 5 * 60_000;
  return (
    <div className={low ? 'exam-clock exam-clock-low' : 'exam-clock'}>
      <span className="exam-clock-label">Time left</span>{' '}
      <span className="exam-clock-time">{formatRemaining(remaining)}</span>
      {clock.status === 'paused' && <span className="exam-clock-paused"> (paused)</span>}
      <div className="visually-hidden" aria-live="polite" role="status">
        {announcement}
      </div>
    </div>
  );
}
