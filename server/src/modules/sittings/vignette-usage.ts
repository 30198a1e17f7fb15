import type { Db, DbOrTx } from '../../db/client.js';
import { programmeScope } from '../../db/association-scope.js';
import type { VignetteSetUsage } from '../vignettes/index.js';
import * as sittingsRepo from './sittings.repo.js';

/** Vignette sets a candidate has seen (their sitting opened) keep their content. */
const SHOWN_STATES = ['open', 'closed', 'released'] as const;
/** Sittings that will still resolve a set for a candidate, so it cannot be retired. */
const UPCOMING_STATES = ['scheduled', 'open'] as const;

/**
 * Which vignette sets sittings use, across every association (the sets are the programme's), for the vignettes module's authoring. Sittings depends on
 * vignettes, so app.ts builds this adapter once and hands it over, rather than the vignettes
 * module importing sittings.
 */
export function createVignetteSetUsage(deps: { db: Db }): VignetteSetUsage {
  return {
    lockedVignetteSetIds(db: DbOrTx = deps.db): Promise<Set<string>> {
      return sittingsRepo.vignetteSetIdsUsed(db, programmeScope, SHOWN_STATES);
    },
    upcomingSittingsUsing(setId: string, db: DbOrTx = deps.db) {
      return sittingsRepo.sittingsUsingVignetteSet(db, programmeScope, setId, UPCOMING_STATES);
    },
  };
}
