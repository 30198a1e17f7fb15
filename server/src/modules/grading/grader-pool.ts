import type { UserSummary } from '@exam/shared/api';
import { programmeScope } from '../../db/association-scope.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { ProgrammeSettings, UsersService } from '../auth/index.js';
import type { SittingResultsAccess } from '../sittings/index.js';
import * as graderRepo from './graders.repo.js';
import * as qualificationRepo from './qualification.repo.js';

export interface PoolGrader {
  id: string;
  variants: string[];
  adjudicator: boolean;
  /** Rubric versions the grader is qualified for now (qualification.repo). */
  rubrics: Set<string>;
  conflicts: Set<string>;
  /** The associations the grader is a member of, in any role. */
  associations: Set<string>;
  /** Enrolled as a candidate in a sitting whose results are not out: given no readings. */
  awaitingResults: boolean;
}

/** Who can be given readings right now, read once per routing pass. */
export interface GraderPool {
  graders: PoolGrader[];
  emailOf: Map<string, string>;
  /** The programme's rule: no grader from the candidate's own association. */
  excludeOwnAssociation: boolean;
}

/**
 * The pool as it stands: active graders with the grader role, not paused for drifting from the
 * seeds, with their variants, current qualifications, declared conflicts and associations.
 */
export async function loadGraderPool(deps: {
  db: Db;
  clock: Clock;
  users: Pick<UsersService, 'list'>;
  programme: Pick<ProgrammeSettings, 'excludeOwnAssociationGraders' | 'associationsOf'>;
  sittings: Pick<SittingResultsAccess, 'awaitingResults'>;
}): Promise<GraderPool> {
  const { db } = deps;
  const [users, rows, conflicts, excludeOwnAssociation, qualified, paused] = await Promise.all([
    deps.users.list(programmeScope),
    graderRepo.listGraderRows(db),
    graderRepo.listConflicts(db),
    deps.programme.excludeOwnAssociationGraders(),
    qualificationRepo.qualifiedRubrics(db, deps.clock.now()),
    qualificationRepo.pausedGraders(db),
  ]);
  const ids = rows.map((row) => row.userId);
  const [memberships, candidates] = await Promise.all([
    deps.programme.associationsOf(ids),
    deps.sittings.awaitingResults(ids),
  ]);
  const active = new Map<string, UserSummary>(
    users.filter((u) => !u.disabled && u.roles.includes('grader')).map((u) => [u.id, u]),
  );
  const graders = rows
    // A grader paused for drifting from the seeds gets no new live readings until lifted.
    .filter((row) => active.has(row.userId) && !paused.has(row.userId))
    .map((row) => ({
      id: row.userId,
      variants: row.variants,
      adjudicator: row.adjudicator,
      rubrics: qualified.get(row.userId) ?? new Set<string>(),
      conflicts: new Set(
        conflicts.filter((c) => c.graderId === row.userId).map((c) => c.candidateEmail),
      ),
      associations: memberships.get(row.userId) ?? new Set<string>(),
      awaitingResults: candidates.has(row.userId),
    }));
  return {
    graders,
    emailOf: new Map(users.map((u) => [u.id, u.email.toLowerCase()])),
    excludeOwnAssociation,
  };
}
