import { eq } from 'drizzle-orm';
import type { GradingRules } from '@exam/shared/api';
import type { DbOrTx } from '../../db/client.js';
import { sittingGradingRules, type StoredPassingRule } from '../../db/schema/grading.js';
import { defaultTolerance } from './scoring-rules.js';

/**
 * A sitting's grading rules: those saved on the results page, else the default tolerance and
 * `sittingPassingRules` (the passing rules set with the sitting's policies on the console).
 */
export async function rulesOf(
  db: DbOrTx,
  sittingId: string,
  sittingPassingRules: Record<string, StoredPassingRule> = {},
): Promise<GradingRules> {
  const [row] = await db
    .select()
    .from(sittingGradingRules)
    .where(eq(sittingGradingRules.sittingId, sittingId));
  return {
    tolerancePerCriterion: row?.tolerancePerCriterion ?? defaultTolerance.perCriterion,
    toleranceTotal: row?.toleranceTotal ?? defaultTolerance.total,
    passingRules: (row?.passingRules ?? sittingPassingRules) as GradingRules['passingRules'],
  };
}

export async function saveRules(
  tx: DbOrTx,
  sittingId: string,
  rules: GradingRules,
  actorId: string,
  at: Date,
): Promise<void> {
  const values = {
    tolerancePerCriterion: rules.tolerancePerCriterion,
    toleranceTotal: rules.toleranceTotal,
    passingRules: rules.passingRules as Record<string, StoredPassingRule>,
    updatedAt: at,
    updatedBy: actorId,
  };
  await tx
    .insert(sittingGradingRules)
    .values({ sittingId, ...values })
    .onConflictDoUpdate({ target: sittingGradingRules.sittingId, set: values });
}

/** The passing rule for a variant in a sitting: the sitting's override, else the rubric's. */
export function passingRuleFor(
  rules: GradingRules,
  variant: string,
  rubricRule: StoredPassingRule,
): StoredPassingRule {
  return rules.passingRules[variant as keyof GradingRules['passingRules']] ?? rubricRule;
}
