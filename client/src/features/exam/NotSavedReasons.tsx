import { useEffect, useRef, useState } from 'react';
import { notSavedText, type ExamState } from './exam-state';

/**
 * How long the tally must stay still before it is announced: refusals come in bursts (every
 * change replayed after a reconnect, refused because the part closed meanwhile), and a burst is
 * told once, not once a refusal.
 */
export const NOT_SAVED_QUIET_MS = 1_000;

/**
 * What a screen reader is told of changes that could not be saved: once a burst is over, how
 * many and the reasons it has not been told yet. The list itself is not live; it would read out
 * every change to it.
 */
function useOneAnnouncement(count: number, reasons: readonly string[]): string {
  const [said, setSaid] = useState('');
  const told = useRef({ count: 0, reasons: new Set<string>() });
  useEffect(() => {
    // A welcome for another attempt starts its tally again.
    if (count === 0) told.current = { count: 0, reasons: new Set() };
    if (count <= told.current.count) return;
    const timer = setTimeout(() => {
      const fresh = reasons.filter((reason) => !told.current.reasons.has(reason));
      told.current = { count, reasons: new Set([...told.current.reasons, ...reasons]) };
      setSaid([`${notSavedText(count)}.`, ...fresh].join(' '));
    }, NOT_SAVED_QUIET_MS);
    return () => clearTimeout(timer);
  }, [count, reasons]);
  return said;
}

/**
 * Changes that left the outbox without being stored: how many (the status bar says it too) and
 * why, the distinct reasons most recent first. Before, each refusal replaced the last one's
 * notice, so after several the candidate could learn only the last reason. The list stays for
 * the attempt (it is kept on the device over a reload); the candidate may fold it away.
 */
export function NotSavedReasons({
  state,
}: {
  state: Pick<ExamState, 'notSavedCount' | 'notSavedReasons'>;
}) {
  const { notSavedCount: count, notSavedReasons: reasons } = state;
  const announcement = useOneAnnouncement(count, reasons);
  return (
    <>
      {/* Rendered from the start: a live region added with its text is often not read. */}
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      {count > 0 && (
        <details className="notice not-saved" open data-testid="not-saved">
          <summary>{notSavedText(count)}</summary>
          {reasons.length > 0 && (
            <>
              <p id="not-saved-why">{reasons.length === 1 ? 'Why:' : 'Why, most recent first:'}</p>
              <ul aria-labelledby="not-saved-why">
                {reasons.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            </>
          )}
        </details>
      )}
    </>
  );
}
