import {
  pauseReviewResponseSchema,
  raterMonitoringResponseSchema,
  type CurrentUser,
  type PauseReviewResponse,
  type RaterFigures,
  type RaterMonitoringResponse,
  type SendToAnotherReaderRequest,
} from '@exam/shared/api';
import { programmeScope, withinScope, type Scope } from '../../db/association-scope.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import type { UsersService } from '../auth/index.js';
import type { SittingResultsAccess } from '../sittings/index.js';
import { agreementOf, type RatingPair } from './agreement.js';
import * as graderRepo from './graders.repo.js';
import * as itemsRepo from './items.repo.js';
import type { AssignmentRow } from './items.repo.js';
import * as qualificationRepo from './qualification.repo.js';
import type { Routing } from './routing.js';
import { seedPairs } from './seed-agreement.js';
import * as seedsRepo from './seeds.repo.js';
import { totalOf } from './scoring-rules.js';
import { sittingInScope } from '../../db/scope-filters.js';
import { and, desc, eq } from 'drizzle-orm';
import { gradingAssignments, gradingItems } from '../../db/schema/grading.js';

export type RaterMonitoringService = ReturnType<typeof createRaterMonitoringService>;

const HOUR_MS = 60 * 60 * 1000;

function pairsBetween(mine: AssignmentRow, other: AssignmentRow): RatingPair[] {
  const pairs: RatingPair[] = [];
  for (const [id, score] of Object.entries(mine.scores)) {
    const theirs = other.scores[id]?.level;
    if (typeof score.level === 'number' && typeof theirs === 'number')
      pairs.push({ mine: score.level, other: theirs });
  }
  return pairs;
}

function figuresOf(pairs: RatingPair[]) {
  const a = agreementOf(pairs);
  return {
    comparisons: a.comparisons,
    exact: a.exact,
    adjacent: a.adjacent,
    kappa: a.kappa,
    severity: a.meanSeverity,
  };
}

/** The Monday (UTC) of a date's week, as an ISO date. */
function weekOf(at: Date): string {
  const day = (at.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() - day))
    .toISOString()
    .slice(0, 10);
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Rater monitoring for the coordinator: per grader, what they scored, how fast, how they agree
 * with their co-readers and with the seeds (exact, adjacent, quadratic weighted kappa, severity),
 * severity per week (drift) and how often their readings needed a third reader. Also the pauses:
 * a paused grader's recent live readings, each of which can be sent to another reader.
 */
export function createRaterMonitoringService(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  users: Pick<UsersService, 'list'>;
  sittings: Pick<SittingResultsAccess, 'getSitting'>;
  routing: Pick<Routing, 'poolChanged'>;
}) {
  const { db } = deps;

  return {
    async overview(): Promise<RaterMonitoringResponse> {
      const [users, graderRows, readings, seeds, pauses, notes] = await Promise.all([
        deps.users.list(programmeScope),
        graderRepo.listGraderRows(db),
        db.select().from(gradingAssignments),
        seedsRepo.submittedSeeds(db),
        qualificationRepo.listPauses(db),
        qualificationRepo.listNotifications(db),
      ]);
      const names = new Map(users.map((u) => [u.id, u.displayName]));
      const byItem = new Map<string, AssignmentRow[]>();
      for (const r of readings) byItem.set(r.itemId, [...(byItem.get(r.itemId) ?? []), r]);
      const graders: RaterFigures[] = [];
      for (const grader of graderRows) {
        if (!names.has(grader.userId)) continue;
        const own = readings.filter(
          (r) => r.graderId === grader.userId && r.status === 'submitted',
        );
        const coPairs: RatingPair[] = [];
        const weekly = new Map<string, RatingPair[]>();
        let firstReadings = 0;
        let thirdRead = 0;
        for (const mine of own) {
          const others = byItem.get(mine.itemId) ?? [];
          if (mine.role === 'reader') {
            firstReadings += 1;
            if (others.some((o) => o.role === 'adjudicator')) thirdRead += 1;
          }
          const partner = others.find(
            (o) => o.id !== mine.id && o.role === 'reader' && o.status === 'submitted',
          );
          if (mine.role !== 'reader' || !partner) continue;
          const pairs = pairsBetween(mine, partner);
          coPairs.push(...pairs);
          const week = weekOf(mine.submittedAt ?? mine.assignedAt);
          weekly.set(week, [...(weekly.get(week) ?? []), ...pairs]);
        }
        const times = own
          .map((r) => r.submittedAt?.getTime() ?? 0)
          .sort((a, b) => a - b)
          .flatMap((at, i, list) => (i === 0 ? [] : [at - list[i - 1]!]))
          .filter((gap) => gap > 0 && gap <= HOUR_MS);
        const gap = median(times);
        const pause = pauses.find((p) => p.graderId === grader.userId && !p.liftedAt);
        graders.push({
          graderId: grader.userId,
          displayName: names.get(grader.userId) ?? '',
          responsesScored: own.length,
          minutesPerResponse: gap === null ? null : Math.round((gap / 60_000) * 10) / 10,
          coRaters: figuresOf(coPairs),
          seeds: figuresOf(
            await seedPairs(
              db,
              seeds.filter((s) => s.graderId === grader.userId),
            ),
          ),
          thirdReaderRate: firstReadings ? thirdRead / firstReadings : null,
          drift: [...weekly.entries()]
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([week, pairs]) => ({
              week,
              severity: agreementOf(pairs).meanSeverity ?? 0,
              comparisons: pairs.length,
            })),
          pauseId: pause?.id ?? null,
        });
      }
      return raterMonitoringResponseSchema.parse({
        graders: graders.sort((a, b) => a.displayName.localeCompare(b.displayName)),
        notifications: notes.map((n) => ({
          kind: n.kind,
          message: n.message,
          graderName: n.graderId ? (names.get(n.graderId) ?? null) : null,
          createdAt: n.createdAt.toISOString(),
        })),
      });
    },

    /** A pause and the grader's recent submitted live readings in the actor's reach. */
    async pauseReview(scope: Scope, pauseId: string): Promise<PauseReviewResponse> {
      const pause = await qualificationRepo.findPause(db, pauseId);
      if (!pause) throw new AppError('NOT_FOUND', 'No pause with that id.', 404);
      const rows = await db
        .select({ reading: gradingAssignments, item: gradingItems })
        .from(gradingAssignments)
        .innerJoin(gradingItems, eq(gradingItems.id, gradingAssignments.itemId))
        .where(
          and(
            eq(gradingAssignments.graderId, pause.graderId),
            eq(gradingAssignments.status, 'submitted'),
            sittingInScope(scope, gradingItems.sittingId),
          ),
        )
        .orderBy(desc(gradingAssignments.submittedAt))
        .limit(20);
      const details = pause.details as { exactPercent?: number; adjacentPercent?: number };
      return pauseReviewResponseSchema.parse({
        pause: {
          id: pause.id,
          graderId: pause.graderId,
          pausedAt: pause.pausedAt.toISOString(),
          liftedAt: pause.liftedAt?.toISOString() ?? null,
          exactPercent: details.exactPercent ?? null,
          adjacentPercent: details.adjacentPercent ?? null,
        },
        readings: rows.map(({ reading, item }) => ({
          code: item.code,
          variant: item.variant,
          submittedAt: (reading.submittedAt ?? reading.assignedAt).toISOString(),
          total: totalOf(reading.scores, Object.keys(reading.scores)),
          itemStatus: item.status,
        })),
      });
    },

    async lift(actor: CurrentUser, pauseId: string, note: string): Promise<void> {
      await db.transaction(async (tx) => {
        const pause = await qualificationRepo.findPause(tx, pauseId);
        const at = deps.clock.now();
        if (
          !pause ||
          !(await qualificationRepo.liftPause(tx, pauseId, {
            liftedAt: at,
            liftedBy: actor.id,
            liftNote: note,
          }))
        )
          throw new AppError('NOT_FOUND', 'No open pause with that id.', 404);
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'grading.grader_pause_lifted',
          subjectType: 'user',
          subjectId: pause.graderId,
          details: { pauseId, note },
        });
      });
      await deps.routing.poolChanged();
    },

    /**
     * Withdraws a grader's submitted reading and routes the response to another reader: the
     * reading is deleted (its scores kept in the audit entry), a third reading that judged it
     * goes too, and the response returns to reading. Refused once results are released.
     */
    async sendToAnotherReader(
      scope: Scope,
      actor: CurrentUser,
      input: SendToAnotherReaderRequest,
    ): Promise<void> {
      await withinScope(db, scope, async (tx) => {
        const found = await itemsRepo.findItemByCode(tx, scope, input.code);
        const item = found ? await itemsRepo.lockItem(tx, found.id) : undefined;
        if (!item) throw new AppError('NOT_FOUND', 'No response with that code.', 404);
        const sitting = await deps.sittings.getSitting(tx, item.sittingId);
        if (sitting?.status === 'released')
          throw new AppError('ALREADY_RELEASED', 'Results are released; readings are fixed.', 409);
        const readings = await itemsRepo.assignmentsOf(tx, [item.id]);
        const reading = readings.find((r) => r.graderId === input.graderId && r.role === 'reader');
        if (!reading || reading.status !== 'submitted')
          throw new AppError('NOT_SUBMITTED', 'That grader has no submitted reading here.', 409);
        await itemsRepo.deleteReading(tx, reading.id);
        const third = readings.find((r) => r.role === 'adjudicator');
        if (third) await itemsRepo.deleteReading(tx, third.id);
        await itemsRepo.reopenItem(tx, item.id, 'reading');
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'grading.reading_sent_to_another_reader',
          subjectType: 'grading_item',
          subjectId: item.code,
          details: {
            graderId: input.graderId,
            reason: input.reason,
            withdrawnScores: reading.scores,
            withdrawnThirdReader: third?.graderId ?? null,
            previousFinal: item.final,
          },
        });
      });
      await deps.routing.poolChanged();
    },
  };
}
