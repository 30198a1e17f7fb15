import { createCandidatesService } from './candidates.service.js';
import { createEnrolmentService } from './enrolment.service.js';
import { createSeatReader } from './seats.js';
import { createSittingExports } from './sitting-exports.js';
import { createSittingSchedule } from './sitting-schedule.service.js';
import type { SittingsDeps } from './sittings.deps.js';

export type { CandidateSeat } from './seats.js';

export type SittingsService = ReturnType<typeof createSittingsService>;

/**
 * Sittings: the seats delivery reads, the coordinator's schedule and state machine, enrolment,
 * candidates' accommodations and the CSV exports.
 */
export function createSittingsService(deps: SittingsDeps) {
  const enrolment = createEnrolmentService(deps);
  return {
    ...createSeatReader(deps),
    ...createSittingSchedule(deps),
    ...enrolment,
    ...createCandidatesService(deps),
    ...createSittingExports(deps, enrolment),
  };
}
