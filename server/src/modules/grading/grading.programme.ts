import type { Scope } from '../../db/association-scope.js';
import type { Db } from '../../db/client.js';
import * as repo from './programme-figures.repo.js';

/** One response in grading, as the programme's progress figures count it. */
export interface GradingItemForProgramme {
  sittingId: string;
  /** reading | adjudicating | final */
  status: string;
  /** When the attempt's Part Two closed and was taken in for grading. */
  takenAt: Date | null;
  finalizedAt: Date | null;
}

export type GradingProgrammeAccess = ReturnType<typeof createGradingProgrammeAccess>;

/** What the programme's views read from grading; built once in app.ts. */
export function createGradingProgrammeAccess(deps: { db: Db }) {
  return {
    items(scope: Scope): Promise<GradingItemForProgramme[]> {
      return repo.gradingItemsForProgramme(deps.db, scope);
    },
  };
}
