import type {
  CurrentUser,
  DecideQualificationRequest,
  GraderQualificationRow,
} from '@exam/shared/api';
import { programmeScope } from '../../db/association-scope.js';
import { AppError } from '../../lib/app-error.js';
import * as calibrationRepo from './calibration.repo.js';
import * as graderRepo from './graders.repo.js';
import * as qualificationRepo from './qualification.repo.js';
import { overviewRows, qualificationExpiry } from './qualification.rules.js';
import type { GraderChangeDeps } from './graders.service.js';
import * as rubricsRepo from './rubrics.repo.js';
import { currentRubricOf } from './rubrics.service.js';

/**
 * The coordinator's side of qualification: every grader's standing per variant, and a decision
 * that qualifies a grader for a variant's current rubric, or says they are not, audited (after a
 * failed retry, or at any time, e.g. for a grader qualified elsewhere). Part of the
 * qualification service (qualification.service.ts).
 */
export function createQualificationDecisions(deps: GraderChangeDeps) {
  const { db } = deps;
  return {
    async overview(): Promise<GraderQualificationRow[]> {
      const [users, graderRows, quals, rounds] = await Promise.all([
        deps.users.list(programmeScope),
        graderRepo.listGraderRows(db),
        qualificationRepo.qualificationsOf(db),
        qualificationRepo.allRounds(db),
      ]);
      const rubrics = await rubricsRepo.listRubrics(db);
      return overviewRows({ users, graderRows, quals, rounds, rubrics, now: deps.clock.now() });
    },

    /** A coordinator qualifies a grader (or decides they are not), for the current rubric. */
    async decide(actor: CurrentUser, input: DecideQualificationRequest): Promise<void> {
      const rubric = await currentRubricOf(db, input.variant);
      const graderRow = (await graderRepo.listGraderRows(db)).find(
        (g) => g.userId === input.graderId,
      );
      if (!graderRow) throw new AppError('NOT_FOUND', 'No grader with that id.', 404);
      await db.transaction(async (tx) => {
        const settings = await calibrationRepo.readSettings(tx);
        const at = deps.clock.now();
        const expiresAt = input.qualified ? qualificationExpiry(at, settings) : null;
        await qualificationRepo.upsertQualification(tx, {
          graderId: input.graderId,
          rubricId: rubric.id,
          variant: input.variant,
          qualified: input.qualified,
          source: 'coordinator',
          decidedAt: at,
          expiresAt,
          decidedBy: actor.id,
          note: input.note,
        });
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'grading.qualification_decided',
          subjectType: 'user',
          subjectId: input.graderId,
          details: {
            variant: input.variant,
            rubricVersion: rubric.version,
            qualified: input.qualified,
            note: input.note,
            expiresAt: expiresAt?.toISOString() ?? null,
          },
        });
      });
      await deps.routing.poolChanged();
    },
  };
}
