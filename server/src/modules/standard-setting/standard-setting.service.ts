import type {
  AdoptCutRequest,
  CreateStudyRequest,
  CurrentUser,
  RoundSummary,
  StudyDetail,
  StudySummary,
} from '@exam/shared/api';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import type { UsersService } from '../auth/index.js';
import type { BankService } from '../bank/index.js';
import type { DeliveryAnalysis } from '../delivery/index.js';
import type { SittingResultsAccess } from '../sittings/index.js';
import { pValues } from './angoff.stats.js';
import { impactOf } from './impact-data.js';
import { assertNotAwaitingResults } from './panelist-eligibility.js';
import { keysOf, loadStudy, type StudyContext } from './study-context.js';
import { roundFigures } from './study-figures.js';
import * as repo from './standard-setting.repo.js';

export type StandardSettingDeps = {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  users: Pick<UsersService, 'findByIds'>;
  forms: Pick<BankService, 'getForm' | 'formItems' | 'setFormCut'>;
  /**
   * Sittings' read side and delivery's analysis side, built once in app.ts: whether a sitting
   * using the form is open, and the impact data of its last sitting.
   */
  sittings: Pick<SittingResultsAccess, 'getSitting' | 'openSittingsUsing' | 'awaitingResults'>;
  delivery: Pick<DeliveryAnalysis, 'lastClosedSitting' | 'partOneChoices' | 'corrections'>;
};

export type StandardSettingService = ReturnType<typeof createStandardSettingService>;

/**
 * The coordinator's side of a modified-Angoff study: open it for a form, invite panelists, open
 * round 2 with the impact data of the form's last sitting, read the figures, adopt a cut. The
 * form's cut changes only here, inside the audited adoption.
 */
export function createStandardSettingService(deps: StandardSettingDeps) {
  const { db, sittings } = deps;

  async function panel(studyId: string) {
    const ids = await repo.panelistsOf(db, studyId);
    const people = new Map((await deps.users.findByIds(db, ids)).map((u) => [u.id, u]));
    return ids.map((id) => ({ id, name: people.get(id)?.displayName ?? '(unknown)' }));
  }

  async function rounds(ctx: StudyContext): Promise<RoundSummary[]> {
    const panelists = await panel(ctx.study.id);
    const ratings = await repo.ratingsOf(db, ctx.study.id);
    const scores = ctx.impact?.sheets.map((s) => s.score) ?? null;
    const opened: (1 | 2)[] = ctx.study.status === 'round1' ? [1] : [1, 2];
    return opened.map((round) =>
      roundFigures({
        round,
        positions: ctx.positions,
        panelists,
        ratings,
        impactScores: scores,
        impactCut: ctx.impact?.cutFor,
      }),
    );
  }

  function summary(ctx: StudyContext, panelists: number): StudySummary {
    return {
      id: ctx.study.id,
      name: ctx.study.name,
      formId: ctx.form.id,
      formName: ctx.form.name,
      endorsement: ctx.form.endorsement,
      status: ctx.study.status,
      itemCount: ctx.items.length,
      formCutScore: ctx.form.cutScore,
      panelists,
      createdAt: ctx.study.createdAt.toISOString(),
    };
  }

  async function detail(id: string): Promise<StudyDetail> {
    const ctx = await loadStudy(db, deps, id);
    const panelistUsers = await panel(id);
    const { study, impact } = ctx;
    const adopter = study.adoptedBy ? await deps.users.findByIds(db, [study.adoptedBy]) : [];
    return {
      ...summary(ctx, panelistUsers.length),
      rounds: await rounds(ctx),
      panelistUsers,
      impact: impact
        ? {
            sittingId: impact.sittingId,
            sittingName: impact.sittingName,
            candidates: impact.sheets.length,
            pValues: [
              ...pValues(
                ctx.positions,
                impact.sheets.map((s) => s.correct),
              ),
            ].map(([position, pValue]) => ({ position, pValue })),
          }
        : null,
      adoption:
        study.status === 'adopted' && study.adoptedCut !== null && study.adoptedAt
          ? {
              cutScore: study.adoptedCut,
              recommendedCut: study.recommendedCut,
              reason: study.adoptionReason ?? '',
              adoptedAt: study.adoptedAt.toISOString(),
              adoptedBy: adopter[0]?.displayName ?? '(unknown)',
            }
          : null,
    };
  }

  async function audited(actor: CurrentUser, action: string, id: string, details = {}) {
    await db.transaction((tx) =>
      deps.audit.append(tx, {
        actorId: actor.id,
        action,
        subjectType: 'standard_setting_study',
        subjectId: id,
        details,
      }),
    );
  }

  return {
    detail,

    async list(): Promise<StudySummary[]> {
      const counts = await repo.panelistCounts(db);
      const out: StudySummary[] = [];
      for (const study of await repo.listStudies(db)) {
        const ctx = await loadStudy(db, deps, study.id);
        out.push(summary(ctx, counts.get(study.id) ?? 0));
      }
      return out;
    },

    async create(actor: CurrentUser, input: CreateStudyRequest): Promise<StudyDetail> {
      const items = await deps.forms.formItems(input.formId);
      await deps.forms.getForm(input.formId); // NOT_FOUND for an unknown form
      if (items.length === 0)
        throw new AppError('FORM_EMPTY', 'The form has no items to rate.', 409);
      const study = await db.transaction(async (tx) => {
        const row = await repo.insertStudy(tx, {
          formId: input.formId,
          name: input.name,
          createdBy: actor.id,
          at: deps.clock.now(),
        });
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'standard_setting.study_opened',
          subjectType: 'standard_setting_study',
          subjectId: row.id,
          details: { formId: input.formId, name: input.name },
        });
        return row;
      });
      return detail(study.id);
    },

    /** Invites an existing user holding the panelist role (mail does not exist yet). */
    async addPanelist(actor: CurrentUser, id: string, userId: string): Promise<StudyDetail> {
      const study = await repo.findStudy(db, id);
      if (!study) throw new AppError('NOT_FOUND', 'No such study.', 404);
      if (study.status === 'adopted')
        throw new AppError('STUDY_CLOSED', 'The cut is adopted; the panel is closed.', 409);
      const [user] = await deps.users.findByIds(db, [userId]);
      if (!user || user.disabled || !user.roles.includes('panelist'))
        throw new AppError(
          'NOT_A_PANELIST',
          'Only an active user holding the panelist role can join a panel.',
          400,
        );
      await assertNotAwaitingResults(deps.sittings, user);
      if (await repo.addPanelist(db, id, userId, deps.clock.now()))
        await audited(actor, 'standard_setting.panelist_added', id, { userId });
      return detail(id);
    },

    /** Opens round 2 with the impact data of the form's last sitting whose Part One closed. */
    async openRoundTwo(actor: CurrentUser, id: string): Promise<StudyDetail> {
      const ctx = await loadStudy(db, deps, id);
      if (ctx.study.status !== 'round1')
        throw new AppError('WRONG_ROUND', 'Round 2 is already open.', 409);
      const impact = await impactOf(db, deps, ctx.form.id, keysOf(ctx.items));
      if (!impact)
        throw new AppError(
          'NO_IMPACT_DATA',
          'No sitting of this form has a closed Part One yet: round 2 needs its impact data.',
          409,
        );
      await db.transaction(async (tx) => {
        const locked = await repo.lockStudy(tx, id);
        if (locked?.status !== 'round1')
          throw new AppError('WRONG_ROUND', 'Round 2 is already open.', 409);
        await repo.updateStudy(tx, id, {
          status: 'round2',
          impactSittingId: impact.sittingId,
          updatedAt: deps.clock.now(),
        });
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'standard_setting.round_two_opened',
          subjectType: 'standard_setting_study',
          subjectId: id,
          details: { impactSittingId: impact.sittingId, candidates: impact.sheets.length },
        });
      });
      return detail(id);
    },

    /**
     * Adopts a cut for the study's form: 1..items, a reason when it differs from the recommended
     * one, never while a sitting using the form is open (its candidates would be split across two
     * cuts). The panel's figures go into the audit entry with the adoption.
     */
    async adopt(actor: CurrentUser, id: string, input: AdoptCutRequest): Promise<StudyDetail> {
      const ctx = await loadStudy(db, deps, id);
      const n = ctx.items.length;
      if (!Number.isInteger(input.cutScore) || input.cutScore < 1 || input.cutScore > n)
        throw new AppError('CUT_OUT_OF_RANGE', `A cut score lies between 1 and ${n}.`, 400);
      if (ctx.study.status === 'adopted')
        throw new AppError('STUDY_CLOSED', 'This study has already adopted a cut.', 409);
      const figures = await rounds(ctx);
      const last = figures[figures.length - 1]!;
      if (last.recommendedCut === null)
        throw new AppError(
          'NO_RATINGS',
          `No panelist has rated every item in round ${last.round} yet.`,
          409,
        );
      const reason = input.reason.trim();
      if (input.cutScore !== last.recommendedCut && reason === '')
        throw new AppError(
          'REASON_REQUIRED',
          `Say why the cut differs from the recommended ${last.recommendedCut}.`,
          400,
        );
      await db.transaction(async (tx) => {
        const locked = await repo.lockStudy(tx, id);
        if (!locked || locked.status === 'adopted')
          throw new AppError('STUDY_CLOSED', 'This study has already adopted a cut.', 409);
        const open = await sittings.openSittingsUsing(tx, ctx.form.id);
        if (open.length > 0)
          throw new AppError(
            'SITTING_OPEN',
            `A sitting using this form is open (${open.join(', ')}); adopt once it has closed.`,
            409,
          );
        await deps.forms.setFormCut(tx, ctx.form.id, input.cutScore);
        const at = deps.clock.now();
        await repo.updateStudy(tx, id, {
          status: 'adopted',
          adoptedCut: input.cutScore,
          recommendedCut: last.recommendedCut,
          adoptionReason: reason,
          adoptedBy: actor.id,
          adoptedAt: at,
          updatedAt: at,
        });
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'standard_setting.cut_adopted',
          subjectType: 'bank_form',
          subjectId: ctx.form.id,
          details: {
            studyId: id,
            previousCut: ctx.form.cutScore,
            cutScore: input.cutScore,
            recommendedCut: last.recommendedCut,
            reason,
            rounds: figures.map((r) => ({
              round: r.round,
              n: r.n,
              mean: r.mean,
              sd: r.sd,
              se: r.se,
              passRate: r.passRate,
              cuts: r.panelists.map((p) => ({ userId: p.userId, cut: p.impliedCut })),
            })),
          },
        });
      });
      return detail(id);
    },
  };
}
