import type { Scope } from '../../db/association-scope.js';
import type { Db } from '../../db/client.js';
import * as repo from './programme-figures.repo.js';

/** A sitting as the programme's calendar lists it. */
export interface SittingForProgramme {
  id: string;
  name: string;
  associationId: string;
  status: string;
  startsAt: Date | null;
  timeZone: string;
  applicationCycle: string | null;
}

/** One candidate enrolled in one sitting, with where and when it falls. */
export interface EnrolmentForProgramme {
  sittingId: string;
  candidateId: string;
  endorsement: string;
  associationId: string;
  applicationCycle: string | null;
  /** When the association enrolled the candidate: the cycle they count in follows from it. */
  enrolledAt: Date;
}

export type SittingsProgrammeAccess = ReturnType<typeof createSittingsProgrammeAccess>;

/**
 * What the programme's views read from sittings (as sittings.results.ts is for results): built
 * once in app.ts and handed to the programme module, which never reads these tables itself.
 */
export function createSittingsProgrammeAccess(deps: { db: Db }) {
  const { db } = deps;
  return {
    sittings(scope: Scope): Promise<SittingForProgramme[]> {
      return repo.sittingsForProgramme(db, scope);
    },
    enrolments(scope: Scope): Promise<EnrolmentForProgramme[]> {
      return repo.enrolmentsForProgramme(db, scope);
    },
  };
}
