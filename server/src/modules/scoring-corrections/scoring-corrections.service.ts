import type {
  CurrentUser,
  ScoringCorrectionRequest,
  ScoringCorrectionResult,
  ScoringCorrectionsResponse,
} from '@exam/shared/api';
import type { Scope } from '../../db/association-scope.js';
import type { Db } from '../../db/client.js';
import { isWithinScope } from '../../db/scope-filters.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import type { BankService } from '../bank/index.js';
import {
  attemptsOfForm,
  findScoringCorrection,
  listScoringCorrections,
  lockSittingCorrections,
  openPartOnes,
  rescoreClosedPartOne,
  upsertScoringCorrection,
} from '../delivery/index.js';
import { reviseReleasedResult } from '../results/index.js';
import type { SittingResultsAccess } from '../sittings/index.js';

export type ScoringCorrectionsService = ReturnType<typeof createScoringCorrections>;

/** Figures of a Part One result the audit keeps, before and after. */
function figures(r: { correct: number; total: number; cutScore: number; passed: boolean } | null) {
  return r ? { correct: r.correct, total: r.total, cutScore: r.cutScore, passed: r.passed } : null;
}

/**
 * Key corrections after a sitting: re-key an item (another option is correct) or void it (it
 * leaves scoring; the cut is kept as a proportion, see delivery/part-one-rescore.ts) for one
 * sitting's form. Every closed Part One of that form is scored again with the same scoring code
 * as at close; each changed score is audited with before and after. Unreleased results follow by
 * themselves (they are computed from the stored score); released ones are revised in place and
 * say "revised" with the reason to the candidate.
 */
export function createScoringCorrections(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  forms: Pick<BankService, 'formItems'>;
  sittings: Pick<SittingResultsAccess, 'getSitting' | 'enrolmentsOf' | 'lockedStatus'>;
}) {
  const { db } = deps;

  /** The sitting, if within the scope: another association's answers like a missing one. */
  async function sittingWithin(scope: Scope, sittingId: string) {
    const within = await isWithinScope(db, scope, 'sitting', sittingId);
    const sitting = within ? await deps.sittings.getSitting(db, sittingId) : undefined;
    if (!sitting) throw new AppError('NOT_FOUND', 'No such sitting.', 404);
    return sitting;
  }

  return {
    async list(scope: Scope, sittingId: string): Promise<ScoringCorrectionsResponse> {
      await sittingWithin(scope, sittingId);
      const rows = await listScoringCorrections(db, sittingId);
      return {
        corrections: rows.map((r) => ({
          formId: r.formId,
          position: r.position,
          kind: r.kind === 'void' ? 'void' : 'rekey',
          keyIndex: r.keyIndex,
          reason: r.reason,
          correctedAt: r.correctedAt.toISOString(),
        })),
      };
    },

    async correct(
      scope: Scope,
      actor: CurrentUser,
      sittingId: string,
      input: ScoringCorrectionRequest,
    ): Promise<ScoringCorrectionResult> {
      const sitting = await sittingWithin(scope, sittingId);
      const items = await deps.forms.formItems(input.formId);
      const item = items.find((i) => i.position === input.position);
      if (!item) throw new AppError('NO_SUCH_ITEM', `The form has no item ${input.position}.`, 400);
      const enrolmentIds = (await deps.sittings.enrolmentsOf(sittingId)).map((e) => e.enrolmentId);
      const attemptIds = await attemptsOfForm(db, enrolmentIds, input.formId);
      if (attemptIds.length === 0)
        throw new AppError('FORM_NOT_SAT', 'No candidate of this sitting sat that form.', 400);
      const keyIndex = input.kind === 'rekey' ? input.keyIndex : null;
      const at = deps.clock.now();

      return db.transaction(async (tx) => {
        await lockSittingCorrections(tx, sittingId);
        // Share lock: release and late-change decisions wait for this, never interleave.
        const status = await deps.sittings.lockedStatus(tx, sittingId);
        if (status !== 'closed' && status !== 'released')
          throw new AppError(
            'SITTING_NOT_CLOSED',
            'Items are corrected after the sitting has closed.',
            409,
          );
        if ((await openPartOnes(tx, attemptIds)) > 0)
          throw new AppError(
            'PART_ONE_OPEN',
            'A Part One of this form is still open: end or submit it first.',
            409,
          );
        const previous = await findScoringCorrection(tx, { sittingId, ...input });
        const unchanged = previous
          ? previous.kind === input.kind && previous.keyIndex === keyIndex
          : input.kind === 'rekey' && keyIndex === item.keyIndex;
        if (unchanged)
          throw new AppError('CORRECTION_UNCHANGED', 'The item is already scored that way.', 409);
        await upsertScoringCorrection(tx, {
          sittingId,
          formId: input.formId,
          position: input.position,
          kind: input.kind,
          keyIndex,
          reason: input.reason,
          correctedBy: actor.id,
          correctedAt: at,
        });
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: input.kind === 'rekey' ? 'scoring.item_rekeyed' : 'scoring.item_voided',
          subjectType: 'sitting',
          subjectId: sittingId,
          details: {
            formId: input.formId,
            position: input.position,
            itemVersionId: item.itemVersionId,
            authoredKey: item.keyIndex,
            previous: previous ? { kind: previous.kind, keyIndex: previous.keyIndex } : null,
            keyIndex,
            reason: input.reason,
          },
        });
        let changed = 0;
        let revisedReleased = 0;
        let rescored = 0;
        for (const attemptId of attemptIds) {
          const outcome = await rescoreClosedPartOne(
            tx,
            attemptId,
            sittingId,
            items,
            sitting.cutScore,
          );
          if (!outcome) continue;
          rescored += 1;
          const before = figures(outcome.before);
          const after = figures(outcome.after);
          if (JSON.stringify(before) === JSON.stringify(after)) continue;
          changed += 1;
          await deps.audit.append(tx, {
            actorId: actor.id,
            action: 'scoring.part_one_rescored',
            subjectType: 'attempt',
            subjectId: attemptId,
            details: { sittingId, formId: input.formId, position: input.position, before, after },
          });
          const revised = await reviseReleasedResult(tx, attemptId, outcome.after, {
            reason: input.reason,
            at,
          });
          if (!revised) continue;
          revisedReleased += 1;
          await deps.audit.append(tx, {
            actorId: actor.id,
            action: 'results.revised',
            subjectType: 'attempt',
            subjectId: attemptId,
            details: { sittingId, reason: input.reason, ...revised },
          });
        }
        return { rescored, changed, revisedReleased };
      });
    },
  };
}
