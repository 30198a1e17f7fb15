import {
  gradingQueueResponseSchema,
  gradingResponseViewSchema,
  scoreSheetResponseSchema,
  type GradingQueueResponse,
  type GradingResponseView,
  type ScoreSheetRequest,
  type ScoreSheetResponse,
} from '@exam/shared/api';
import { renderEssayHtml, validateEssayDocument } from '@exam/shared/editor';
import type { Db, DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import type { DeliveryResults } from '../delivery/index.js';
import { programmeScope } from '../../db/association-scope.js';
import * as itemsRepo from './items.repo.js';
import type { AssignmentRow, ItemRow } from './items.repo.js';
import type { Routing } from './routing.js';
import { rulesOf } from './rules.js';
import * as rubricsRepo from './rubrics.repo.js';
import { adjudicatedFinal, disagreementReasons, meanFinal, totalOf } from './scoring-rules.js';
import {
  checkRubricVersion,
  presentScores,
  presentSheet,
  readingStatusOf,
  toStoredScores,
} from './sheets.js';

const notYours = () =>
  new AppError('NOT_FOUND', 'No response with that code is in your queue.', 404);

/**
 * An appeal's review reading reaches its grader as an ordinary first reading: blind to the
 * earlier scores and to the fact that it is an appeal.
 */
function asGraderSees(role: string): string {
  return role === 'review' ? 'reader' : role;
}

export type ScoringService = ReturnType<typeof createScoringService>;

/**
 * The grader's side: their queue, one response beside its rubric, and saving or submitting a
 * reading. Every reply is parsed with its strict shared schema before it leaves, so nothing that
 * identifies a candidate, and no other reader's score before adjudication, can ride along.
 */
export function createScoringService(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  delivery: Pick<DeliveryResults, 'responseForGrading' | 'vignetteTitles'>;
  routing: Pick<Routing, 'loadPool' | 'assignAdjudicator'>;
}) {
  const { db } = deps;

  async function mine(graderId: string, code: string) {
    const item = await itemsRepo.findItemByCode(db, programmeScope, code);
    if (!item) throw notYours();
    const readings = await itemsRepo.assignmentsOf(db, [item.id]);
    const own = readings.find((a) => a.graderId === graderId);
    if (!own) throw notYours();
    return { item, readings, own };
  }

  async function rubricOf(db: DbOrTx, item: ItemRow) {
    const rubric = await rubricsRepo.findRubric(db, item.rubricId);
    if (!rubric) throw new Error(`item ${item.code} has no rubric`);
    return rubric;
  }

  /** After the second first reading: agree (mean) or send to a third reader. After the third: final. */
  async function decide(
    tx: DbOrTx,
    item: ItemRow,
    role: string,
    criterionIds: string[],
  ): Promise<'final' | 'adjudicating' | 'reading'> {
    const readings = await itemsRepo.assignmentsOf(tx, [item.id]);
    const at = deps.clock.now();
    if (role === 'adjudicator') {
      const third = readings.find((a) => a.role === 'adjudicator');
      if (!third) throw new Error('adjudicator reading vanished');
      const final = adjudicatedFinal(third.scores, criterionIds);
      await itemsRepo.updateItem(tx, item.id, { status: 'final', final, finalizedAt: at });
      await appendItemAudit(tx, item, 'grading.finalised', { method: final.method, final });
      return 'final';
    }
    const submitted = readings.filter((a) => a.role === 'reader' && a.status === 'submitted');
    const [first, second] = submitted;
    if (!first || !second) return 'reading';
    const rules = await rulesOf(tx, item.sittingId);
    const reasons = disagreementReasons(first, second, criterionIds, {
      perCriterion: rules.tolerancePerCriterion,
      total: rules.toleranceTotal,
    });
    if (reasons.length > 0) {
      await itemsRepo.updateItem(tx, item.id, { status: 'adjudicating' });
      await appendItemAudit(tx, item, 'grading.adjudication_required', { reasons, rules });
      return 'adjudicating';
    }
    const final = meanFinal(first.scores, second.scores, criterionIds);
    await itemsRepo.updateItem(tx, item.id, { status: 'final', final, finalizedAt: at });
    await appendItemAudit(tx, item, 'grading.finalised', { method: final.method, final });
    return 'final';
  }

  function appendItemAudit(tx: DbOrTx, item: ItemRow, action: string, details: object) {
    return deps.audit.append(tx, {
      actorId: null,
      action,
      subjectType: 'grading_item',
      subjectId: item.code,
      details: { ...details },
    });
  }

  async function store(
    graderId: string,
    code: string,
    sheet: ScoreSheetRequest,
    submitting: boolean,
  ): Promise<ScoreSheetResponse> {
    const found = await itemsRepo.findItemByCode(db, programmeScope, code);
    if (!found) throw notYours();
    // Routing needs the pool after a disagreement; it is read before the transaction opens.
    const pool = submitting ? await deps.routing.loadPool() : undefined;
    const saved = await db.transaction(async (tx) => {
      const item = await itemsRepo.lockItem(tx, found.id);
      const own = (await itemsRepo.assignmentsOf(tx, [found.id])).find(
        (a) => a.graderId === graderId,
      );
      if (!item || !own) throw notYours();
      if (own.status === 'submitted')
        throw new AppError('ALREADY_SUBMITTED', 'This reading was already submitted.', 409);
      const rubric = await rubricOf(tx, item);
      checkRubricVersion(sheet, rubric);
      const scores = toStoredScores(sheet, rubric.criteria, submitting);
      const at = deps.clock.now();
      await rubricsRepo.markScoringStarted(tx, rubric.id, at);
      const status = submitting ? 'submitted' : 'draft';
      const row: AssignmentRow = {
        ...own,
        scores,
        flagged: sheet.flagged,
        flagNote: sheet.flagNote.trim(),
        status,
      };
      await itemsRepo.saveSheet(tx, own.id, { ...row, rubricId: rubric.id, status, at });
      if (submitting) {
        const criterionIds = rubric.criteria.map((c) => c.id);
        await deps.audit.append(tx, {
          actorId: graderId,
          action: 'grading.reading_submitted',
          subjectType: 'grading_item',
          subjectId: item.code,
          details: {
            role: own.role,
            rubricId: rubric.id,
            rubricVersion: rubric.version,
            total: totalOf(scores, criterionIds),
            flagged: row.flagged,
            levels: Object.fromEntries(criterionIds.map((id) => [id, scores[id]?.level])),
          },
        });
        // An appeal's review reading decides nothing here: the coordinator decides the appeal.
        const outcome =
          own.role === 'review' ? 'final' : await decide(tx, item, own.role, criterionIds);
        if (outcome === 'adjudicating' && pool)
          await deps.routing.assignAdjudicator(tx, { ...item, status: outcome }, pool);
      }
      return presentSheet(row, rubric.criteria);
    });
    return scoreSheetResponseSchema.parse({ sheet: saved });
  }

  return {
    async queue(graderId: string): Promise<GradingQueueResponse> {
      const rows = await itemsRepo.queueOf(db, graderId);
      const titles = new Map<string, Map<number, string>>();
      for (const { item } of rows) {
        if (!titles.has(item.attemptId))
          titles.set(item.attemptId, await deps.delivery.vignetteTitles(item.attemptId));
      }
      const entries = rows.map(({ assignment, item }) => ({
        code: item.code,
        variant: item.variant,
        vignetteTitle: titles.get(item.attemptId)?.get(item.vignette) ?? 'Vignette',
        role: asGraderSees(assignment.role),
        status: readingStatusOf(assignment),
        flagged: assignment.flagged,
      }));
      return gradingQueueResponseSchema.parse({
        entries,
        progress: {
          total: entries.length,
          submitted: entries.filter((e) => e.status === 'submitted').length,
          drafts: entries.filter((e) => e.status === 'draft').length,
        },
      });
    },

    async view(graderId: string, code: string): Promise<GradingResponseView> {
      const { item, readings, own } = await mine(graderId, code);
      const [rubric, response] = await Promise.all([
        rubricOf(db, item),
        deps.delivery.responseForGrading(item.attemptId, item.vignette),
      ]);
      if (!response) throw new Error(`item ${item.code} has no response`);
      const checked = response.doc === null ? null : validateEssayDocument(response.doc);
      const html = checked?.ok ? renderEssayHtml(checked.doc) : '<p>(No text could be shown.)</p>';
      const criterionIds = rubric.criteria.map((c) => c.id);
      // Only the third reader sees the first two readings, and only once both are in.
      const others =
        own.role === 'adjudicator'
          ? readings
              .filter((a) => a.role === 'reader' && a.status === 'submitted')
              .sort(
                (a, b) =>
                  (a.submittedAt?.getTime() ?? 0) - (b.submittedAt?.getTime() ?? 0) ||
                  a.id.localeCompare(b.id),
              )
          : [];
      return gradingResponseViewSchema.parse({
        code: item.code,
        role: asGraderSees(own.role),
        variant: item.variant,
        vignette: response.vignette,
        responseHtml: html,
        words: response.words,
        rubric: {
          version: rubric.version,
          title: rubric.title,
          criteria: rubric.criteria,
          passingRule: rubric.passingRule,
        },
        sheet: presentSheet(own, rubric.criteria),
        otherReadings: others.map((reading, index) => ({
          label: index === 0 ? 'First reading' : 'Second reading',
          scores: presentScores(reading.scores, rubric.criteria),
          total: totalOf(reading.scores, criterionIds),
          flagged: reading.flagged,
          flagNote: reading.flagNote,
        })),
      });
    },

    saveDraft(graderId: string, code: string, sheet: ScoreSheetRequest) {
      return store(graderId, code, sheet, false);
    },

    submit(graderId: string, code: string, sheet: ScoreSheetRequest) {
      return store(graderId, code, sheet, true);
    },
  };
}
