import type { RetakeEligibilityView, RetakeRequestView } from '@exam/shared/api';
import type { SittingForRetakes } from '../sittings/index.js';
import type { RetakeEligibility } from './retake.rules.js';
import type { RetakeRequestRow } from './retakes.repo.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function presentEligibility(e: RetakeEligibility): RetakeEligibilityView {
  return {
    eligible: e.eligible,
    problems: e.problems,
    attemptsUsed: e.attemptsUsed,
    earliestDate: iso(e.earliestDate),
    validUntil: iso(e.validUntil),
    requestDeadline: iso(e.requestDeadline),
    seen: e.seen,
  };
}

export function presentRequest(
  row: RetakeRequestRow,
  sitting: SittingForRetakes,
  candidateName: string,
  eligibility: RetakeEligibility,
): RetakeRequestView {
  return {
    id: row.id,
    candidateId: row.candidateId,
    candidateName,
    sittingId: row.sittingId,
    sittingName: sitting.name,
    sittingStartsAt: iso(sitting.startsAt),
    part: row.part === 1 ? 1 : 2,
    status: row.status as RetakeRequestView['status'],
    requestedAt: row.requestedAt.toISOString(),
    decidedAt: iso(row.decidedAt),
    declineReason: row.declineReason,
    enrolmentId: row.enrolmentId,
    eligibility: presentEligibility(eligibility),
  };
}
