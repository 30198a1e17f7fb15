import type { GradingRules } from '@exam/shared/api';
import type { Db, DbOrTx } from '../../db/client.js';
import type { StoredPassingRule } from '../../db/schema/grading.js';
import { annotationsOf } from './annotations.repo.js';
import * as itemsRepo from './items.repo.js';
import * as rubricsRepo from './rubrics.repo.js';
import { passingRuleFor, rulesOf, saveRules } from './rules.js';

/** A Part Two response being graded, as results reads it. */
export type GradedItem = itemsRepo.ItemRow;
/** One grader's reading of a response. */
export type Reading = itemsRepo.AssignmentRow;
/** An attempt taken in for grading: how many responses it needed and how many were gradable. */
export type Intake = itemsRepo.IntakeRow;
/** The rubric a response is scored against. */
export type GradingRubric = rubricsRepo.RubricRow;

/** A sitting's grading, everything its results are computed from. */
export interface SittingGrading {
  rules: GradingRules;
  /** By attempt id. */
  intake: Map<string, Intake>;
  items: {
    item: GradedItem;
    rubric: GradingRubric;
    /** Readings in assignment order: the two first readers, then any third reader. */
    readings: Reading[];
    passingRule: StoredPassingRule;
    /** Annotations the coordinator included in the candidate's feedback, in passage order. */
    feedbackAnnotations?: { quote: string; comment: string }[];
  }[];
}

/** How far grading has got in each sitting, for the list of sittings' results. */
export interface GradingProgress {
  gradedAttempts: number;
  total: number;
  reading: number;
  adjudicating: number;
  final: number;
}

export type GradingResults = ReturnType<typeof createGradingResults>;

/**
 * Grading as results sees it (as delivery.results.ts and sittings.results.ts are for theirs):
 * results reads grading's tables, and writes a sitting's rules, only through this, never through
 * grading's repos. Built once in app.ts and handed to results.
 */
export function createGradingResults(deps: { db: Db }) {
  const { db } = deps;
  return {
    /**
     * The sitting's responses with their rubrics, readings and passing rules, the intake of
     * `attemptIds`, and the sitting's rules (`sittingPassingRules` when none were saved).
     */
    async sittingGrading(
      sittingId: string,
      attemptIds: readonly string[],
      sittingPassingRules: Record<string, StoredPassingRule>,
    ): Promise<SittingGrading> {
      const [itemRows, rules, intakeRows] = await Promise.all([
        itemsRepo.itemsOfSitting(db, sittingId),
        rulesOf(db, sittingId, sittingPassingRules),
        itemsRepo.intakeOf(db, attemptIds),
      ]);
      // An appeal's review reading is the appeal's: it reaches a result only through the
      // final score the appeal's decision sets.
      const readings = (
        await itemsRepo.assignmentsOf(
          db,
          itemRows.map((i) => i.id),
        )
      ).filter((r) => r.role !== 'review');
      const included = (
        await annotationsOf(
          db,
          readings.map((r) => r.id),
        )
      ).filter((a) => a.includeInFeedback);
      const rubrics = new Map<string, GradingRubric>();
      for (const item of itemRows) {
        if (rubrics.has(item.rubricId)) continue;
        const rubric = await rubricsRepo.findRubric(db, item.rubricId);
        if (rubric) rubrics.set(rubric.id, rubric);
      }
      return {
        rules,
        intake: new Map(intakeRows.map((row) => [row.attemptId, row])),
        items: itemRows.map((item) => {
          const rubric = rubrics.get(item.rubricId);
          // The foreign key makes this impossible; a throw beats results without a rubric.
          if (!rubric) throw new Error(`item ${item.code} has no rubric`);
          const own = readings.filter((r) => r.itemId === item.id);
          const ownIds = new Set(own.map((r) => r.id));
          return {
            item,
            rubric,
            readings: own,
            passingRule: passingRuleFor(rules, item.variant, rubric.passingRule),
            feedbackAnnotations: included
              .filter((a) => ownIds.has(a.assignmentId))
              .map((a) => ({ quote: a.quote, comment: a.comment })),
          };
        }),
      };
    },

    /** Grading's progress in every sitting that has any, by sitting id. */
    async progressBySitting(): Promise<Map<string, GradingProgress>> {
      const [counts, attempts] = await Promise.all([
        itemsRepo.itemCountsBySitting(db),
        itemsRepo.intakeCountsBySitting(db),
      ]);
      const progress = new Map<string, GradingProgress>();
      for (const id of new Set([...counts.keys(), ...attempts.keys()])) {
        const c = counts.get(id);
        progress.set(id, {
          gradedAttempts: attempts.get(id) ?? 0,
          total: c?.total ?? 0,
          reading: c?.reading ?? 0,
          adjudicating: c?.adjudicating ?? 0,
          final: c?.final ?? 0,
        });
      }
      return progress;
    },

    /** Saves a sitting's rules inside the caller's transaction (results audits it there). */
    saveRules(
      tx: DbOrTx,
      sittingId: string,
      rules: GradingRules,
      actorId: string,
      at: Date,
    ): Promise<void> {
      return saveRules(tx, sittingId, rules, actorId, at);
    },
  };
}
