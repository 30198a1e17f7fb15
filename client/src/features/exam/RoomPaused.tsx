import { useEffect, useRef, useState } from 'react';
import { useFocusIfLost } from '../../ui/use-focus-if-lost';

type PartName = 'Part One' | 'Part Two';

/**
 * While the proctor has paused the whole room, no part starts: the server refuses the start
 * (ROOM_PAUSED), so the Start button gives way to this notice. The button it replaces may have
 * had focus: the notice takes it then, so a screen reader hears why the button went.
 */
export function RoomPausedNotice(props: { part: PartName }) {
  const notice = useRef<HTMLParagraphElement>(null);
  useFocusIfLost(notice);
  return (
    <p role="status" className="notice" tabIndex={-1} ref={notice} data-testid="room-paused">
      The proctor has paused the room. You can start {props.part} once the proctor resumes it; this
      page updates by itself.
    </p>
  );
}

/**
 * A part's Start button, or the room's pause notice while the room is paused. When the button
 * comes back after the room's resume, it takes focus if the notice had it (focus would else
 * fall to the page body); on first showing it leaves focus where it is.
 */
export function StartPart(props: { part: PartName; roomPaused: boolean; onStart(): void }) {
  const { part, roomPaused } = props;
  // Remembered during render (React's pattern for state that follows a prop), not in an effect.
  const [afterPause, setAfterPause] = useState(roomPaused);
  if (roomPaused && !afterPause) setAfterPause(true);
  if (roomPaused) return <RoomPausedNotice part={part} />;
  return <StartButton part={part} focusIfLost={afterPause} onStart={props.onStart} />;
}

function StartButton(props: { part: PartName; focusIfLost: boolean; onStart(): void }) {
  const button = useRef<HTMLButtonElement>(null);
  const { focusIfLost } = props;
  useEffect(() => {
    const active = document.activeElement;
    if (focusIfLost && (active === null || active === document.body)) button.current?.focus();
  }, [focusIfLost]);
  return (
    <button type="button" ref={button} onClick={props.onStart}>
      Start {props.part}
    </button>
  );
}
