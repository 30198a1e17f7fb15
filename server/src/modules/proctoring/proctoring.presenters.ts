import type { RecordedDisconnect } from '@exam/shared/api';
import {
  incidentCategorySchema,
  type Incident,
  type LedgerEntry,
  type ProctorSitting,
} from '@exam/shared/protocol';
import type { ProctoredSitting } from '../sittings/index.js';
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

export function presentIncident(row: IncidentRow, effects: LedgerEntry[]): Incident {
  const category = incidentCategorySchema.safeParse(row.category);
  return {
    id: row.id,
    at: row.recordedAt.getTime(),
    category: category.success ? category.data : 'other',
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
