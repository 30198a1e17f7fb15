import type { GradingRules } from '@exam/shared/api';
import type { DbOrTx } from '../../db/client.js';
import type { StoredPassingRule } from '../../db/schema/grading.js';
import * as rulesRepo from './rules.repo.js';
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
  const row = await rulesRepo.findRules(db, sittingId);
  return {
    tolerancePerCriterion: row?.tolerancePerCriterion ?? defaultTolerance.perCriterion,
    toleranceTotal: row?.toleranceTotal ?? defaultTolerance.total,
    passingRules: (row?.passingRules ?? sittingPassingRules) as GradingRules['passingRules'],
  };
}

/** Saves a sitting's rules as the coordinator set them, recording who and when. */
export async function saveRules(
  tx: DbOrTx,
  sittingId: string,
  rules: GradingRules,
  actorId: string,
  at: Date,
): Promise<void> {
  await rulesRepo.upsertRules(tx, sittingId, {
    tolerancePerCriterion: rules.tolerancePerCriterion,
    toleranceTotal: rules.toleranceTotal,
    passingRules: rules.passingRules as Record<string, StoredPassingRule>,
    updatedAt: at,
    updatedBy: actorId,
  });
}

/** The passing rule for a variant in a sitting: the sitting's override, else the rubric's. */
export function passingRuleFor(
  rules: GradingRules,
  variant: string,
  rubricRule: StoredPassingRule,
): StoredPassingRule {
  return rules.passingRules[variant as keyof GradingRules['passingRules']] ?? rubricRule;
}
