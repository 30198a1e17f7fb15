import type { RubricContent } from '@exam/shared/api';
import type { Variant } from '@exam/shared/domain';
import type { Db } from '../../db/client.js';
import * as gradersRepo from './graders.repo.js';
import * as calibrationRepo from './calibration.repo.js';
import * as qualificationRepo from './qualification.repo.js';
import * as rubricsRepo from './rubrics.repo.js';

/** A grader's qualification to import, for a user the caller has already found. */
export interface GraderImport {
  userId: string;
  variants: readonly Variant[];
  adjudicator: boolean;
}

/**
 * Stores each rubric as the next version of its variant and the graders' qualifications (their
 * variants, and a qualification for each imported rubric version they read), in one
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
    const imported: { id: string; variant: string }[] = [];
    for (const rubric of content.rubrics) {
      const row = await rubricsRepo.insertRubric(tx, {
        variant: rubric.variant,
        title: rubric.title,
        criteria: rubric.criteria.map((c) => ({ ...c, levels: c.levels.map((l) => ({ ...l })) })),
        passingRule: { ...rubric.passingRule },
        createdAt: at,
      });
      imported.push(row);
    }
    const settings = await calibrationRepo.readSettings(tx);
    for (const grader of content.graders) {
      await gradersRepo.upsertGrader(tx, {
        userId: grader.userId,
        variants: [...grader.variants],
        adjudicator: grader.adjudicator,
        updatedAt: at,
      });
      // Imported graders come qualified for the imported rubric versions of their variants:
      // they are the programme's existing readers, not new ones to be calibrated.
      for (const rubric of imported.filter((r) => grader.variants.includes(r.variant as Variant))) {
        await qualificationRepo.upsertQualification(tx, {
          graderId: grader.userId,
          rubricId: rubric.id,
          variant: rubric.variant,
          qualified: true,
          source: 'import',
          decidedAt: at,
          expiresAt: new Date(at.getTime() + settings.qualificationValidDays * 86_400_000),
          decidedBy: null,
          note: 'Qualified on import',
        });
      }
    }
  });
}
