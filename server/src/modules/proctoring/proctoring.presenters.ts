import type { RecordedDisconnect } from '@exam/shared/api';
import {
  incidentCategorySchema,
  type Incident,
  type LedgerEntry,
  type ProctorRoomPause,
  type ProctorSitting,
} from '@exam/shared/protocol';
import type { ProctoredSitting, RoomPause } from '../sittings/index.js';
import type { DisconnectSpan } from './disconnects.js';
import type { DisconnectCreditRow, IncidentRow } from './proctoring.repo.js';

export function presentSitting(sitting: ProctoredSitting): ProctorSitting {
  return {
    id: sitting.id,
    name: sitting.name,
    status: sitting.status,
    startsAt: sitting.startsAt?.getTime() ?? null,
    timeZone: sitting.timeZone,
  };
}

function categoryOf(row: IncidentRow): Incident['category'] {
  const category = incidentCategorySchema.safeParse(row.category);
  return category.success ? category.data : 'other';
}

/** The room's pause as the dashboard shows it; `incident` is the row it names, if found. */
export function presentRoomPause(
  pause: RoomPause | undefined,
  incident: IncidentRow | undefined,
): ProctorRoomPause | null {
  if (!pause) return null;
  return {
    since: pause.since.getTime(),
    incident: incident
      ? { id: incident.id, category: categoryOf(incident), note: incident.note }
      : null,
  };
}

export function presentIncident(row: IncidentRow, effects: LedgerEntry[]): Incident {
  return {
    id: row.id,
    at: row.recordedAt.getTime(),
    category: categoryOf(row),
    note: row.note,
    enrolmentId: row.enrolmentId,
    candidateName: row.candidateName,
    recordedBy: row.recordedBy,
    effects,
  };
}

export function presentDisconnect(
  span: DisconnectSpan,
  part: 1 | 2 | null,
  runningMs: number,
  credit: DisconnectCreditRow | undefined,
): RecordedDisconnect {
  return {
    id: span.id,
    part,
    from: span.from,
    to: span.to,
    runningMs,
    credit: credit
      ? { ms: credit.ms, reason: credit.reason, at: credit.creditedAt.getTime() }
      : null,
  };
}
