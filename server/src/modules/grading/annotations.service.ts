import {
  annotationResponseSchema,
  readingAnnotationsResponseSchema,
  responseAnnotationsResponseSchema,
  type Annotation,
  type AnnotationResponse,
  type CreateAnnotationRequest,
  type CurrentUser,
  type ReadingAnnotationsResponse,
  type ResponseAnnotationsResponse,
} from '@exam/shared/api';
import { essayPlainText, validateEssayDocument } from '@exam/shared/editor';
import { programmeScope, withinScope, type Scope } from '../../db/association-scope.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import type { DeliveryResults } from '../delivery/index.js';
import type { SittingResultsAccess } from '../sittings/index.js';
import * as annotationsRepo from './annotations.repo.js';
import type { AnnotationRow } from './annotations.repo.js';
import * as itemsRepo from './items.repo.js';
import type { AssignmentRow } from './items.repo.js';

const notYours = () =>
  new AppError('NOT_FOUND', 'No response with that code is in your queue.', 404);

function present(row: AnnotationRow): Annotation {
  return { id: row.id, start: row.start, end: row.end, quote: row.quote, comment: row.comment };
}

/** First readings in the order they were submitted: the order the third reader sees them in. */
function submittedReaders(readings: readonly AssignmentRow[]): AssignmentRow[] {
  return readings
    .filter((a) => a.role === 'reader' && a.status === 'submitted')
    .sort(
      (a, b) =>
        (a.submittedAt?.getTime() ?? 0) - (b.submittedAt?.getTime() ?? 0) ||
        a.id.localeCompare(b.id),
    );
}

/**
 * Which reading made an annotation, as staff see it: "Reader 1/2" for the first readings, then
 * the third reader and an appeal's review reader. Never a grader's name or id: the label is all
 * anyone past the grader learns.
 */
export function readerLabels(readings: readonly AssignmentRow[]): Map<string, string> {
  const labels = new Map<string, string>();
  const firsts = [
    ...submittedReaders(readings),
    ...readings.filter((a) => a.role === 'reader' && a.status !== 'submitted'),
  ];
  firsts.forEach((a, index) => labels.set(a.id, `Reader ${index + 1}`));
  for (const a of readings) {
    if (a.role === 'adjudicator') labels.set(a.id, 'Third reader');
    if (a.role === 'review') labels.set(a.id, 'Review reader');
  }
  return labels;
}

export type AnnotationsService = ReturnType<typeof createAnnotationsService>;

/**
 * Annotations: each grader annotates their own reading while it is open; the third reader sees
 * the first readers' annotations (as they see their scores, once both are in); a coordinator sees
 * all of a response's annotations and chooses, before release, which reach the candidate.
 * An appeal's blind reviewer sees only their own: annotations carry judgments of the response.
 */
export function createAnnotationsService(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  delivery: Pick<DeliveryResults, 'responseForGrading'>;
  sittings: Pick<SittingResultsAccess, 'getSitting'>;
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

  async function plainTextOf(attemptId: string, vignette: number): Promise<string> {
    const response = await deps.delivery.responseForGrading(attemptId, vignette);
    const checked = response?.doc ? validateEssayDocument(response.doc) : null;
    return checked?.ok ? essayPlainText(checked.doc) : '';
  }

  /** A coordinator's response, within their scope; another association's reads as missing. */
  async function staffItem(scope: Scope, code: string) {
    const item = await itemsRepo.findItemByCode(db, scope, code);
    if (!item) throw new AppError('NOT_FOUND', 'No response with that code.', 404);
    return item;
  }

  return {
    async forReading(graderId: string, code: string): Promise<ReadingAnnotationsResponse> {
      const { readings, own } = await mine(graderId, code);
      const firsts = own.role === 'adjudicator' ? submittedReaders(readings) : [];
      const rows = await annotationsRepo.annotationsOf(db, [own.id, ...firsts.map((a) => a.id)]);
      return readingAnnotationsResponseSchema.parse({
        own: rows.filter((r) => r.assignmentId === own.id).map(present),
        // Named as the third reader's score sheet names the same readings, in the same order.
        others: firsts.map((reading, index) => ({
          label: index === 0 ? 'First reading' : 'Second reading',
          annotations: rows.filter((r) => r.assignmentId === reading.id).map(present),
        })),
      });
    },

    async create(
      graderId: string,
      code: string,
      input: CreateAnnotationRequest,
    ): Promise<AnnotationResponse> {
      const { item, own } = await mine(graderId, code);
      if (own.status === 'submitted')
        throw new AppError('ALREADY_SUBMITTED', 'This reading was already submitted.', 409);
      const text = await plainTextOf(item.attemptId, item.vignette);
      if (input.end > text.length)
        throw new AppError('VALIDATION_FAILED', 'The passage is outside the response.', 400, {
          fields: { end: 'The passage is outside the response.' },
        });
      const row = await db.transaction(async (tx) => {
        const saved = await annotationsRepo.insertAnnotation(tx, {
          assignmentId: own.id,
          start: input.start,
          end: input.end,
          quote: text.slice(input.start, input.end),
          comment: input.comment,
          createdAt: deps.clock.now(),
        });
        await deps.audit.append(tx, {
          actorId: graderId,
          action: 'grading.annotated',
          subjectType: 'grading_item',
          subjectId: item.code,
          details: { annotationId: saved.id, start: saved.start, end: saved.end },
        });
        return saved;
      });
      return annotationResponseSchema.parse({ annotation: present(row) });
    },

    async remove(graderId: string, code: string, id: string): Promise<void> {
      const { item, own } = await mine(graderId, code);
      if (own.status === 'submitted')
        throw new AppError('ALREADY_SUBMITTED', 'This reading was already submitted.', 409);
      await db.transaction(async (tx) => {
        if (!(await annotationsRepo.deleteAnnotation(tx, own.id, id)))
          throw new AppError('NOT_FOUND', 'No such annotation.', 404);
        await deps.audit.append(tx, {
          actorId: graderId,
          action: 'grading.annotation_removed',
          subjectType: 'grading_item',
          subjectId: item.code,
          details: { annotationId: id },
        });
      });
    },

    /** Every annotation of a response with the reading that made it (for feedback and appeals). */
    async forResponse(scope: Scope, code: string): Promise<ResponseAnnotationsResponse> {
      const item = await staffItem(scope, code);
      const readings = await itemsRepo.assignmentsOf(db, [item.id]);
      const labels = readerLabels(readings);
      const rows = await annotationsRepo.annotationsOf(
        db,
        readings.map((r) => r.id),
      );
      return responseAnnotationsResponseSchema.parse({
        code: item.code,
        annotations: rows.map((row) => ({
          ...present(row),
          reader: labels.get(row.assignmentId) ?? 'Reader',
          includeInFeedback: row.includeInFeedback,
        })),
      });
    },

    /** Includes an annotation in the candidate's feedback, or takes it out; only before release. */
    async include(
      scope: Scope,
      actor: CurrentUser,
      code: string,
      id: string,
      include: boolean,
    ): Promise<void> {
      await withinScope(db, scope, async (tx) => {
        const found = await itemsRepo.findItemByCode(tx, scope, code);
        if (!found) throw new AppError('NOT_FOUND', 'No response with that code.', 404);
        const sitting = await deps.sittings.getSitting(tx, found.sittingId);
        if (sitting?.status === 'released')
          throw new AppError('ALREADY_RELEASED', 'Results are released; feedback is fixed.', 409);
        const readings = await itemsRepo.assignmentsOf(tx, [found.id]);
        const changed = await annotationsRepo.setIncluded(
          tx,
          readings.map((r) => r.id),
          id,
          include,
        );
        if (!changed) throw new AppError('NOT_FOUND', 'No such annotation.', 404);
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: include ? 'feedback.annotation_included' : 'feedback.annotation_excluded',
          subjectType: 'grading_item',
          subjectId: found.code,
          details: { annotationId: id },
        });
      });
    },
  };
}
