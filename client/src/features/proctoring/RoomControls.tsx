import type { ProctorRoomPause } from '@exam/shared/protocol';
import type { DialogRequest } from './ActionDialogs';
import { clockTime } from './format';
import { categoryNames } from './IncidentDialog';

/** What the room's status line says (and a screen reader hears when it changes). */
export function roomStatusText(roomPause: ProctorRoomPause | null, timeZone: string): string {
  if (!roomPause) return 'The whole room is not paused.';
  const since = `The whole room is paused since ${clockTime(roomPause.since, timeZone)}`;
  const { incident } = roomPause;
  if (!incident) return `${since}.`;
  return `${since} — incident: ${incident.note} (${categoryNames[incident.category]}).`;
}

/**
 * The whole room: whether it is paused (since when, in the sitting's time zone, and the
 * incident that caused it), as every proctor's dashboard hears it from the server, and the
 * room-wide actions. Only the room action that fits is offered, Pause while the room runs and
 * Resume while it is paused, on one button: when the room changes, focus stays on it (the
 * dialog gives focus back to the button that opened it, which would otherwise be gone). The
 * status is a polite live region that stays in the page, so a change, made here or by another
 * proctor, is announced.
 */
export function RoomControls(props: {
  roomPause: ProctorRoomPause | null;
  timeZone: string;
  onAction(request: DialogRequest): void;
}) {
  const paused = props.roomPause !== null;
  return (
    <div className="room-controls">
      <p
        role="status"
        className={paused ? 'room-status room-paused' : 'room-status'}
        data-testid="room-status"
      >
        {roomStatusText(props.roomPause, props.timeZone)}
      </p>
      <div className="actions room-actions">
        <button
          type="button"
          className="secondary"
          onClick={() => props.onAction({ kind: paused ? 'room-resume' : 'room-pause' })}
        >
          {paused ? 'Resume the whole room' : 'Pause the whole room'}
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => props.onAction({ kind: 'incident', candidate: null })}
        >
          Record an incident
        </button>
      </div>
    </div>
  );
}
