import type {
  AppealDetail,
  AppealListResponse,
  AppealSettings,
  AppealSummary,
  CurrentUser,
  MyAppealsResponse,
} from '@exam/shared/api';
import {
  programmeScope,
  withinScope,
  type AssociationScope,
  type Scope,
} from '../../db/association-scope.js';
import type { Db } from '../../db/client.js';
import { isWithinScope } from '../../db/scope-filters.js';
import { toSafeCsv } from '../../lib/csv.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import type { UsersService } from '../auth/index.js';
import type { AnnotationsService, GradingAppeals } from '../grading/index.js';
import type { ResultsAppeals } from '../results/index.js';
import type { SittingResultsAccess } from '../sittings/index.js';
import {
  deadlineOf,
  settingsFrom,
  waitingReason,
  windowClosesOn,
  withinWindow,
} from './appeal-rules.js';
import * as repo from './appeals.repo.js';
import type { AppealRow } from './appeals.repo.js';

export type AppealsViews = ReturnType<typeof createAppealsViews>;

/** What appeals show: the candidate's own, the coordinator's list, one appeal, the report. */
export function createAppealsViews(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  users: Pick<UsersService, 'list'>;
  sittings: Pick<SittingResultsAccess, 'getSitting'>;
  grading: Pick<GradingAppeals, 'responses'>;
  annotations: Pick<AnnotationsService, 'forResponse'>;
  results: Pick<ResultsAppeals, 'ofCandidate'>;
}) {
  const { db } = deps;

  async function summaries(rows: AppealRow[]): Promise<AppealSummary[]> {
    const [users, settings] = await Promise.all([
      deps.users.list(programmeScope),
      repo.settingsOf(db, [...new Set(rows.map((r) => r.associationId))]),
    ]);
    const names = new Map(users.map((u) => [u.id, u.displayName]));
    const sittingNames = new Map<string, string>();
    const now = deps.clock.now();
    const out: AppealSummary[] = [];
    for (const row of rows) {
      if (!sittingNames.has(row.sittingId))
        sittingNames.set(
          row.sittingId,
          (await deps.sittings.getSitting(db, row.sittingId))?.name ?? '',
        );
      const reviews = row.status === 'accepted' ? await deps.grading.responses(row.attemptId) : [];
      const reviewsIn = reviews.every(
        (r) => r.review === 'submitted' || !row.parts.includes('two'),
      );
      const deadline = deadlineOf(row, settingsFrom(settings.get(row.associationId)), reviewsIn);
      const waiting = row.parts.includes('two') && reviews.some((r) => r.review === 'none');
      out.push({
        id: row.id,
        sittingId: row.sittingId,
        sittingName: sittingNames.get(row.sittingId) ?? '',
        candidateName: names.get(row.candidateId) ?? '(unknown)',
        parts: row.parts as AppealSummary['parts'],
        status: row.status as AppealSummary['status'],
        requestedAt: row.requestedAt.toISOString(),
        deadline: deadline?.toISOString() ?? null,
        overdue: deadline !== null && deadline.getTime() < now.getTime(),
        outcome: (row.outcome as AppealSummary['outcome']) ?? null,
        waitingForReviewer: waiting,
      });
    }
    return out;
  }

  return {
    async mine(candidateId: string): Promise<MyAppealsResponse> {
      const [released, appeals] = await Promise.all([
        deps.results.ofCandidate(candidateId),
        repo.appealsOfCandidate(db, candidateId),
      ]);
      const now = deps.clock.now();
      const results = [];
      for (const result of released) {
        const sitting = await deps.sittings.getSitting(db, result.sittingId);
        const settings = settingsFrom(
          (await repo.settingsOf(db, sitting ? [sitting.associationId] : [])).get(
            sitting?.associationId ?? '',
          ),
        );
        const latest = appeals.find((a) => a.attemptId === result.attemptId);
        const open = latest?.status === 'requested' || latest?.status === 'accepted';
        results.push({
          attemptId: result.attemptId,
          sittingName: result.result.sittingName,
          windowClosesOn: windowClosesOn(result.releasedAt, settings),
          canRequest: !open && !latest && withinWindow(now, result.releasedAt, settings),
          appeal: latest
            ? {
                id: latest.id,
                parts: latest.parts as ('one' | 'two')[],
                grounds: latest.grounds,
                status: latest.status as 'requested',
                requestedAt: latest.requestedAt.toISOString(),
                declineReason: latest.declineReason,
                outcome: (latest.outcome as 'upheld' | 'changed' | null) ?? null,
                reply: latest.reply,
                decidedAt: latest.decidedAt?.toISOString() ?? null,
              }
            : null,
        });
      }
      return { results };
    },

    async list(scope: Scope, sittingId?: string): Promise<AppealListResponse> {
      return { appeals: await summaries(await repo.listAppeals(db, scope, sittingId)) };
    },

    async detail(scope: Scope, id: string): Promise<AppealDetail> {
      const row = await repo.findAppeal(db, scope, id);
      if (!row) throw new AppError('NOT_FOUND', 'No such appeal.', 404);
      const [summary] = await summaries([row]);
      const reviews = row.parts.includes('two') ? await deps.grading.responses(row.attemptId) : [];
      const check = row.partOneCheck as AppealDetail['partOneCheck'];
      return {
        ...summary!,
        grounds: row.grounds,
        declineReason: row.declineReason,
        reply: row.reply,
        partOneCheck: check ?? null,
        reviews: await Promise.all(
          reviews.map(async (r) => ({
            code: r.code,
            vignette: r.vignette,
            variant: r.variant as AppealDetail['reviews'][number]['variant'],
            review: r.review,
            releasedTotal: r.final?.total ?? null,
            reviewTotal: r.reviewFinal?.total ?? null,
            annotations: (await deps.annotations.forResponse(scope, r.code)).annotations,
          })),
        ),
        decidable: row.status === 'accepted' && reviews.every((r) => r.review === 'submitted'),
        waitingReason: summary!.waitingForReviewer
          ? waitingReason(reviews.filter((r) => r.review === 'none'))
          : null,
      };
    },

    /** The appeals of one sitting as CSV; it leaves the platform, so it is audited. */
    async report(scope: Scope, actor: CurrentUser, sittingId: string) {
      if (!(await isWithinScope(db, scope, 'sitting', sittingId)))
        throw new AppError('NOT_FOUND', 'No such sitting.', 404);
      const rows = await summaries(await repo.listAppeals(db, scope, sittingId));
      const full = new Map((await repo.listAppeals(db, scope, sittingId)).map((r) => [r.id, r]));
      await db.transaction((tx) =>
        deps.audit.append(tx, {
          actorId: actor.id,
          action: 'appeals.exported',
          subjectType: 'sitting',
          subjectId: sittingId,
          details: { appeals: rows.length },
        }),
      );
      const csv = toSafeCsv(
        [
          'Appeal',
          'Candidate',
          'Parts',
          'Status',
          'Requested',
          'Deadline',
          'Overdue',
          'Outcome',
          'Decided',
        ],
        rows.map((a) => [
          a.id,
          a.candidateName,
          a.parts.map((p) => (p === 'one' ? 'Part One' : 'Part Two')).join(' and '),
          a.status,
          a.requestedAt,
          a.deadline ?? '',
          a.overdue ? 'yes' : 'no',
          a.outcome ?? '',
          full.get(a.id)?.decidedAt?.toISOString() ?? '',
        ]),
      );
      return { filename: `appeals-${sittingId}.csv`, csv };
    },

    async settings(association: AssociationScope): Promise<AppealSettings> {
      const rows = await repo.settingsOf(db, [association.associationId]);
      return settingsFrom(rows.get(association.associationId));
    },

    async saveSettings(
      association: AssociationScope,
      actor: CurrentUser,
      input: AppealSettings,
    ): Promise<AppealSettings> {
      await withinScope(db, association, async (tx) => {
        await repo.saveSettings(tx, {
          associationId: association.associationId,
          ...input,
          updatedAt: deps.clock.now(),
          updatedBy: actor.id,
        });
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'appeals.settings_changed',
          subjectType: 'association',
          subjectId: association.associationId,
          details: { ...input },
        });
      });
      return input;
    },

    countsByAssociation: () => repo.countsByAssociation(db),
  };
}
