import type { DbOrTx } from '../../db/client.js';
import { createCandidatesService } from './candidates.service.js';
import { createEnrolmentService } from './enrolment.service.js';
import { createSeatReader } from './seats.js';
import { createSittingExports } from './sitting-exports.js';
import { createSittingSchedule } from './sitting-schedule.service.js';
import type { SittingsDeps } from './sittings.deps.js';
import * as sittingsRepo from './sittings.repo.js';

export type { CandidateSeat } from './seats.js';

export type SittingsService = ReturnType<typeof createSittingsService>;

/** Vignette sets a candidate has seen (their sitting opened) keep their content. */
const SHOWN_STATES = ['open', 'closed', 'released'] as const;
/** Sittings that will still resolve a set for a candidate, so it cannot be retired. */
const UPCOMING_STATES = ['scheduled', 'open'] as const;

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

    /** Ids of vignette sets shown to candidates; the vignettes module refuses to edit them. */
    lockedVignetteSetIds(db: DbOrTx = deps.db): Promise<Set<string>> {
      return sittingsRepo.vignetteSetIdsUsed(db, SHOWN_STATES);
    },

    /** Scheduled or open sittings that use the set; the vignettes module refuses to retire it. */
    upcomingSittingsUsing(
      setId: string,
      db: DbOrTx = deps.db,
    ): Promise<{ id: string; name: string }[]> {
      return sittingsRepo.sittingsUsingVignetteSet(db, setId, UPCOMING_STATES);
    },
  };
}
