import { useEffect, useRef, useState } from 'react';
import { formatDate, useViewerZone } from '../../lib/dates';
import {
  connectionWords,
  heldText,
  nothingSavedText,
  saveStatusText,
  type ExamState,
} from './exam-state';

/**
 * The few words the status bar shows on a narrow screen (320 CSS px, or 400% zoom), where the
 * full sentence would wrap the bar onto several lines and cover the question. Screen readers
 * always get the full sentence.
 */
export function shortSaveText(state: ExamState): string {
  if (heldText(state)) return 'Held for the proctor';
  if (Object.keys(state.unsavable).length > 0) return 'Not saved';
  const pending = state.pendingCount;
  if (pending > 0) {
    if (state.connection === 'open') return `Saving ${pending}…`;
    return `${pending} unsaved, ${connectionWords[state.connection]}`;
  }
  if (state.notSavedCount > 0) return `${state.notSavedCount} not saved`;
  const none = nothingSavedText(state);
  if (state.connection === 'open') return none ?? 'All saved';
  return none
    ? `${none}, ${connectionWords[state.connection]}`
    : `Saved, ${connectionWords[state.connection]}`;
}

const awayWords = {
  offline:
    'You are offline. Your changes are kept on this device and saved when the connection is back.',
  reconnecting: 'Connection lost; reconnecting. Your changes are kept on this device.',
} as const;

/**
 * What a screen reader is told of the connection: losing it, once, and having it back with
 * nothing left waiting, once. The indicator's sentence itself is not live, since it changes
 * with every click and would talk over the question (WCAG 4.1.3 without flooding).
 */
function useConnectionAnnouncement(state: ExamState, status: string): string {
  const [said, setSaid] = useState('');
  const away = useRef(false);
  const { connection, pendingCount } = state;
  useEffect(() => {
    if (connection === 'offline' || connection === 'reconnecting') {
      if (!away.current) setSaid(awayWords[connection]);
      away.current = true;
    } else if (connection === 'open' && pendingCount === 0 && away.current) {
      away.current = false;
      setSaid(`Back online. ${status}`);
    }
  }, [connection, pendingCount, status]);
  return said;
}

/** Always visible, and only ever says "saved" when every change is acknowledged by the server. */
export function SaveIndicator({ state }: { state: ExamState }) {
  // The last save is told as every other time on the candidate's pages is: in their zone, named,
  // and on the server's clock (the device's own clock and zone may both be off).
  const zone = useViewerZone();
  const savedAt = (ms: number) => formatDate(ms + state.skewMs, zone, 'time-seconds');
  const status = saveStatusText(state, savedAt);
  const announcement = useConnectionAnnouncement(state, status);
  const ok =
    state.pendingCount === 0 &&
    state.notSavedCount === 0 &&
    state.heldAnswers + state.heldDrafts + state.heldChoices === 0 &&
    state.connection === 'open';
  return (
    <p className={ok ? 'save-indicator save-ok' : 'save-indicator save-waiting'}>
      <span className="save-full" data-testid="save-indicator">
        {status}
      </span>
      <span className="save-short" aria-hidden="true">
        {shortSaveText(state)}
      </span>
      <span className="visually-hidden" role="status">
        {announcement}
      </span>
    </p>
  );
}
