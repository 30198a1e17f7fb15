import { releasedResultSchema } from '@exam/shared/api';
import type { Scope } from '../../db/association-scope.js';
import type { Db } from '../../db/client.js';
import * as repo from './programme-figures.repo.js';

/** A released result as the programme's figures read it: pass or fail and Part One by domain. */
export interface ResultForProgramme {
  sittingId: string;
  candidateId: string;
  passed: boolean;
  domains: { domain: string; label: string; correct: number; total: number }[];
}

const partOneSchema = releasedResultSchema.shape.partOne.pick({ domains: true });

export type ResultsProgrammeAccess = ReturnType<typeof createResultsProgrammeAccess>;

/** What the programme's views read from results (released results only); built once in app.ts. */
export function createResultsProgrammeAccess(deps: { db: Db }) {
  return {
    async released(scope: Scope): Promise<ResultForProgramme[]> {
      const rows = await repo.releasedResultsForProgramme(deps.db, scope);
      return rows.map((row) => {
        // Frozen at release in shared's shape; a result without Part One domains counts for the
        // pass rate but adds nothing to the domain means.
        const partOne = partOneSchema.safeParse(row.result['partOne']);
        return {
          sittingId: row.sittingId,
          candidateId: row.candidateId,
          passed: row.passed,
          domains: partOne.success
            ? partOne.data.domains.map(({ domain, label, correct, total }) => ({
                domain,
                label,
                correct,
                total,
              }))
            : [],
        };
      });
    },
  };
}
