import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import type { FormItemSource } from './attempt-context.js';
import { optionOrder, SHUFFLE_ALL, type OptionLayout } from './option-order.js';
import type { ItemCorrection } from './part-one-rescore.js';
import { scoringCorrectionsOfForm } from './scoring-corrections.repo.js';

/** The Part One answers of one form (and optionally one sitting), as item analysis needs them. */
export interface PartOneChoices {
  candidates: number;
  /**
   * Row-major candidates × items, one row per attempt whose Part One is closed, in a stable
   * order (attempt id): the ORIGINAL option index chosen at positions 1..itemCount, −1 = omit.
   */
  matrix(itemCount: number): Promise<Int8Array>;
  /**
   * The cut most of these Part Ones were judged by when they closed (before any void scaled it),
   * from the stored results; undefined when none stored one.
   */
  judgedCut: number | undefined;
}

/** Positions and display indexes packed into one integer (SQL writes 16 too); options < 16. */
const ANSWER_STRIDE = 16;

/** Attempts mapped between yields to the event loop: a big sitting never blocks saves for long. */
const ATTEMPTS_PER_SLICE = 250;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A form that has been sat, per sitting: the scopes item analysis can be asked for. */
export interface AnalysedScope {
  sittingId: string;
  formId: string;
  endorsement: string;
  closedAttempts: number;
  /** When its last Part One closed; null while none has. */
  lastClosedAt: Date | null;
}

export type DeliveryAnalysis = ReturnType<typeof createDeliveryAnalysis>;

/**
 * The read side item analysis uses. Answers are stored as the DISPLAY index the candidate saw;
 * this maps each back through the attempt's recorded option order, so the analysis never sees
 * a shuffled option. No candidate identity leaves this function. The form's items come from the
 * bank (`forms`) for their layouts: an item with fixed options or no shuffle was shown in the
 * order its layout gives, not the all-shuffled one.
 */
export function createDeliveryAnalysis(deps: { db: Db; forms: FormItemSource }) {
  return {
    /** Forms with at least one attempt (or just `formId`), per sitting, with closed Part Ones. */
    async scopes(formId?: string): Promise<AnalysedScope[]> {
      return queryRows<AnalysedScope>(
        deps.db,
        sql`
        SELECT e.sitting_id AS "sittingId", a.form_id AS "formId",
               min(e.exam_endorsement) AS "endorsement",
               count(p.closed_at)::int AS "closedAttempts",
               max(p.closed_at) AS "lastClosedAt"
        FROM attempts a
        JOIN enrolments e ON e.id = a.enrolment_id
        LEFT JOIN attempt_parts p ON p.attempt_id = a.id AND p.part = 1 AND p.closed_at IS NOT NULL
        WHERE ${formId ?? null}::uuid IS NULL OR a.form_id = ${formId ?? null}::uuid
        GROUP BY e.sitting_id, a.form_id
        ORDER BY e.sitting_id, a.form_id`,
      );
    },

    /**
     * The sitting (or just `sittingId`) whose closed Part Ones of the form closed last: the one
     * standard setting takes its impact data from. Undefined when none has a closed Part One.
     */
    async lastClosedSitting(formId: string, sittingId: string | null): Promise<string | undefined> {
      const rows = await queryRows<{ sittingId: string }>(
        deps.db,
        sql`
        SELECT e.sitting_id AS "sittingId"
        FROM attempts a
        JOIN enrolments e ON e.id = a.enrolment_id
        JOIN attempt_parts p ON p.attempt_id = a.id AND p.part = 1 AND p.closed_at IS NOT NULL
        WHERE a.form_id = ${formId} AND (${sittingId}::uuid IS NULL OR e.sitting_id = ${sittingId}::uuid)
        GROUP BY e.sitting_id
        ORDER BY max(p.closed_at) DESC
        LIMIT 1`,
      );
      return rows[0]?.sittingId;
    },

    /** The form and sitting an attempt was sat in (item analysis runs per form and sitting). */
    async scopeOfAttempt(
      attemptId: string,
    ): Promise<{ formId: string; sittingId: string } | undefined> {
      const rows = await queryRows<{ formId: string; sittingId: string }>(
        deps.db,
        sql`
        SELECT a.form_id AS "formId", e.sitting_id AS "sittingId"
        FROM attempts a JOIN enrolments e ON e.id = a.enrolment_id
        WHERE a.id = ${attemptId}`,
      );
      return rows[0];
    },

    /**
     * The key corrections (re-keys and voids) of `formId`, per sitting, as Part One scoring
     * applies them: analysis and impact data must score with the keys candidates are judged by.
     */
    async corrections(formId: string): Promise<Map<string, ItemCorrection[]>> {
      const rows = await scoringCorrectionsOfForm(deps.db, formId);
      const bySitting = new Map<string, ItemCorrection[]>();
      for (const r of rows) {
        const list = bySitting.get(r.sittingId) ?? [];
        list.push({
          position: r.position,
          kind: r.kind === 'void' ? 'void' : 'rekey',
          keyIndex: r.keyIndex,
        });
        bySitting.set(r.sittingId, list);
      }
      return bySitting;
    },

    /**
     * Every closed Part One of `formId` (in `sittingId`, or pooled over all sittings), with one
     * aggregate row per attempt: 5,000 candidates are 5,000 rows, not 300,000.
     */
    async partOneChoices(formId: string, sittingId: string | null): Promise<PartOneChoices> {
      // Each answer travels as one integer (position·16 + display index) in an int[] per attempt:
      // no text is built or parsed per answer, which was most of this query's cost at 5,000 × 60.
      const layouts = new Map<number, OptionLayout>(
        (await deps.forms.formItems(formId)).map((item) => [item.position, item]),
      );
      const stored = await queryRows<{
        seed: number;
        cut: number | null;
        answers: number[] | null;
      }>(
        deps.db,
        sql`
        SELECT a.option_seed AS "seed",
               min(coalesce((p.result->>'baseCutScore')::int, (p.result->>'cutScore')::int)) AS "cut",
               array_agg(ans.position * 16 + ans.choice)
                 FILTER (WHERE ans.choice IS NOT NULL) AS "answers"
        FROM attempts a
        JOIN enrolments e ON e.id = a.enrolment_id
        JOIN attempt_parts p ON p.attempt_id = a.id AND p.part = 1 AND p.closed_at IS NOT NULL
        LEFT JOIN answers ans ON ans.attempt_id = a.id
        WHERE a.form_id = ${formId} AND (${sittingId}::uuid IS NULL OR e.sitting_id = ${sittingId}::uuid)
        GROUP BY a.id, a.option_seed
        ORDER BY a.id`,
      );
      const matrix = async (itemCount: number) => {
        const choices = new Int8Array(stored.length * itemCount).fill(-1);
        const layoutAt = Array.from(
          { length: itemCount + 1 },
          (_, position) => layouts.get(position) ?? SHUFFLE_ALL,
        );
        for (const [c, row] of stored.entries()) {
          if (c > 0 && c % ATTEMPTS_PER_SLICE === 0) await yieldToEventLoop();
          for (const packed of row.answers ?? []) {
            const position = Math.floor(packed / ANSWER_STRIDE);
            const display = packed % ANSWER_STRIDE;
            if (position < 1 || position > itemCount) continue;
            const order = optionOrder(row.seed, position, 4, layoutAt[position]);
            choices[c * itemCount + position - 1] = order[display] ?? -1;
          }
        }
        return choices;
      };
      return { candidates: stored.length, matrix, judgedCut: mostCommon(stored.map((r) => r.cut)) };
    },
  };
}

/** The most frequent non-null value (the smallest on a tie), or undefined when there is none. */
function mostCommon(values: readonly (number | null)[]): number | undefined {
  const counts = new Map<number, number>();
  for (const v of values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: number | undefined;
  for (const [v, n] of counts) {
    const bestCount = best === undefined ? 0 : counts.get(best)!;
    if (n > bestCount || (n === bestCount && best !== undefined && v < best)) best = v;
  }
  return best;
}
