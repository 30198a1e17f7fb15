import type {
  CurrentUser,
  MyStudiesResponse,
  PanelView,
  SaveRatingRequest,
} from '@exam/shared/api';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { BankService } from '../bank/index.js';
import { impliedCut, passRate, pValues, roundUpCut, wholeMarkCut } from './angoff.stats.js';
import type { ImpactSources } from './impact-data.js';
import { assertNotAwaitingResults } from './panelist-eligibility.js';
import type { SittingResultsAccess } from '../sittings/index.js';
import { loadStudy, type StudyContext } from './study-context.js';
import { roundFigures } from './study-figures.js';
import * as repo from './standard-setting.repo.js';

export type PanelService = ReturnType<typeof createPanelService>;

/**
 * Once a panelist has rated every item of a round, their ratings add up to their cut, and that
 * cut must be one a form can have: a whole mark from 1 to the number of items. Only ratings of 0
 * on every item fall outside it (each rating is at most 1); such a round is refused, not kept.
 */
function assertCutInRange(
  ratings: readonly { round: number; position: number; rating: number }[],
  round: 1 | 2,
  positions: readonly number[],
): void {
  const mine = ratings.filter((r) => r.round === round);
  if (!positions.every((position) => mine.some((r) => r.position === position))) return;
  const cut = roundUpCut(impliedCut(mine.map((r) => r.rating)));
  const items = positions.length;
  if (cut >= 1 && cut <= items) return;
  throw new AppError(
    'CUT_OUT_OF_RANGE',
    `These ratings would set your round ${round} cut at ${cut} of ${items}; a cut lies between 1 ` +
      `and ${items}.${cut < 1 ? ' Rate at least one item above 0%.' : ''}`,
    400,
  );
}

/**
 * The panelist's side: the items of the studies they sit on (stem, options and key: modified
 * Angoff panelists judge items knowing the answer) and their own ratings; in round 2 each item's
 * p-value and the pass rates of round 1's cuts. Never a candidate's identity or answers.
 */
export function createPanelService(deps: {
  db: Db;
  clock: Clock;
  forms: Pick<BankService, 'getForm' | 'formItems'>;
  sittings: ImpactSources['sittings'] & Pick<SittingResultsAccess, 'awaitingResults'>;
  delivery: ImpactSources['delivery'];
}) {
  const { db } = deps;

  /** A study the user is not on reads as absent, so panelists cannot probe other studies. */
  async function mine(actor: CurrentUser, id: string): Promise<StudyContext> {
    if (!(await repo.isPanelist(db, id, actor.id)))
      throw new AppError('NOT_FOUND', 'No such study.', 404);
    // Enrolled since joining the panel: the keys wait until their results are out.
    await assertNotAwaitingResults(deps.sittings, { id: actor.id, displayName: actor.displayName });
    return loadStudy(db, deps, id);
  }

  async function view(actor: CurrentUser, id: string): Promise<PanelView> {
    const ctx = await mine(actor, id);
    const ratings = await repo.ratingsOf(db, id, actor.id);
    const ratingOf = (round: number, position: number) =>
      ratings.find((r) => r.round === round && r.position === position)?.rating ?? null;
    const { impact } = ctx;
    const p = impact
      ? pValues(
          ctx.positions,
          impact.sheets.map((s) => s.correct),
        )
      : undefined;
    const scores = impact?.sheets.map((s) => s.score) ?? [];
    const roundOne = ratings.filter((r) => r.round === 1);
    const ownCut =
      roundOne.length === ctx.positions.length ? impliedCut(roundOne.map((r) => r.rating)) : null;
    let panelCut: number | null = null;
    if (impact) {
      const everyone = await repo.ratingsOf(db, id);
      const panelists = (await repo.panelistsOf(db, id)).map((userId) => ({
        id: userId,
        name: '',
      }));
      panelCut = roundFigures({
        round: 1,
        positions: ctx.positions,
        panelists,
        ratings: everyone,
        impactScores: null,
      }).recommendedCut;
    }
    return {
      id,
      name: ctx.study.name,
      formName: ctx.form.name,
      status: ctx.study.status,
      items: ctx.items.map((item) => ({
        position: item.position,
        stem: item.stem,
        options: [...item.options],
        keyIndex: item.keyIndex,
        domain: item.domain,
        ratings: { 1: ratingOf(1, item.position), 2: ratingOf(2, item.position) },
        pValue: p?.get(item.position) ?? null,
      })),
      impact: impact
        ? {
            sittingName: impact.sittingName,
            candidates: impact.sheets.length,
            roundOneCut: ownCut,
            // A fractional expected score is reached by the next whole mark, as the panel's is.
            roundOnePassRate:
              ownCut === null
                ? null
                : passRate(scores, impact.cutFor(wholeMarkCut(ownCut, ctx.positions.length))),
            panelRoundOneCut: panelCut,
            panelRoundOnePassRate:
              panelCut === null ? null : passRate(scores, impact.cutFor(panelCut)),
          }
        : null,
    };
  }

  return {
    view,

    async myStudies(actor: CurrentUser): Promise<MyStudiesResponse> {
      const studies = await repo.studiesOfPanelist(db, actor.id);
      return { studies: studies.map((s) => ({ id: s.id, name: s.name, status: s.status })) };
    },

    /**
     * Saves one rating of the round that is open; round 1 is fixed once round 2 opens and both
     * once the cut is adopted. Ratings are not audited one by one: the adoption's audit entry
     * records every panelist's implied cut per round.
     */
    async rate(actor: CurrentUser, id: string, input: SaveRatingRequest): Promise<void> {
      const ctx = await mine(actor, id);
      if (!ctx.positions.includes(input.position))
        throw new AppError('NO_SUCH_ITEM', `The form has no item ${input.position}.`, 400);
      await db.transaction(async (tx) => {
        // Shared lock: opening round 2 or adopting waits for this save, never interleaves.
        const study = await repo.shareLockStudy(tx, id);
        const status = study?.status;
        const open = status === 'round1' ? 1 : status === 'round2' ? 2 : null;
        if (open === null)
          throw new AppError('STUDY_CLOSED', 'The cut is adopted; ratings are closed.', 409);
        if (input.round !== open)
          throw new AppError('WRONG_ROUND', `Round ${open} is the round open for ratings.`, 409);
        // Two saves of one panelist at once would each see the other's item as it was, and
        // together reach the 0 cut that either alone is refused.
        await repo.lockPanelist(tx, id, actor.id);
        await repo.upsertRating(tx, {
          studyId: id,
          userId: actor.id,
          round: input.round,
          position: input.position,
          rating: input.rating,
          at: deps.clock.now(),
        });
        // Checked on the saved state inside the transaction, so a refusal stores nothing.
        assertCutInRange(await repo.ratingsOf(tx, id, actor.id), input.round, ctx.positions);
      });
    },
  };
}
