import type { RubricContent } from '@exam/shared/api';
import type { Variant } from '@exam/shared/domain';
import type { Db } from '../../db/client.js';
import * as gradersRepo from './graders.repo.js';
import * as rubricsRepo from './rubrics.repo.js';

/** A grader's qualification to import, for a user the caller has already found. */
export interface GraderImport {
  userId: string;
  variants: readonly Variant[];
  adjudicator: boolean;
}

/**
 * Stores each rubric as the next version of its variant and the graders' qualifications, in one
 * transaction. For content loaded at first start (the demo); later changes go through the
 * audited rubric and grader services.
 */
export async function importGradingSetup(
  db: Db,
  content: {
    rubrics: readonly (RubricContent & { variant: Variant })[];
    graders: readonly GraderImport[];
  },
  at: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    for (const rubric of content.rubrics) {
      await rubricsRepo.insertRubric(tx, {
        variant: rubric.variant,
        title: rubric.title,
        criteria: rubric.criteria.map((c) => ({ ...c, levels: c.levels.map((l) => ({ ...l })) })),
        passingRule: { ...rubric.passingRule },
        createdAt: at,
      });
    }
    for (const grader of content.graders) {
      await gradersRepo.upsertGrader(tx, {
        userId: grader.userId,
        variants: [...grader.variants],
        adjudicator: grader.adjudicator,
        updatedAt: at,
      });
    }
  });
}
