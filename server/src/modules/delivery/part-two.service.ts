import { variantFor, type Category, type MentorTrack } from '@exam/shared/domain';
import { countWords, validateEssayDocument } from '@exam/shared/editor';
import {
  partTwoPoliciesSchema,
  type ChoiceSet,
  type DraftSave,
  type PartClock,
  type PartTwoPolicies,
  type PartTwoState,
} from '@exam/shared/protocol';
import type { Db, DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { VignettesService, VignetteSetWithVignettes } from '../vignettes/index.js';
import type { AttemptContext } from './attempt-context.js';
import * as deliveryRepo from './delivery.repo.js';
import type { LateResult } from './late-changes.service.js';
import * as partTwoRepo from './part-two.repo.js';

/** Stored, refused, or (a whole draft past the deadline and grace) held for a proctor. */
export type PartTwoResult = LateResult;

const defaultPolicies: PartTwoPolicies = {
  spellcheck: false,
  paste: 'plain-text',
  wordLimit: null,
};

/** Reads a sitting's Part Two policies, falling back to the defaults for anything unset or invalid. */
export function partTwoPolicies(raw: Record<string, unknown>): PartTwoPolicies {
  const merged = { ...defaultPolicies, ...raw };
  const parsed = partTwoPoliciesSchema.safeParse({
    spellcheck: merged.spellcheck,
    paste: merged.paste,
    wordLimit: merged.wordLimit,
  });
  return parsed.success ? parsed.data : defaultPolicies;
}

/** Why a seat cannot sit Part Two, or null when it can. */
export function partTwoProblem(
  seat: { category: string; track: string | null },
  vignetteSetId: string | null,
): string | null {
  const variant = variantFor(seat.category as Category, seat.track as MentorTrack | null);
  if (!variant) {
    return seat.category === 'mental-health-mentor'
      ? 'Your enrolment is for a Mentor without a track (Clinical, Policy or Research/Faculty), so no vignette set applies. Ask the coordinator to correct your enrolment.'
      : 'Your enrolment category does not sit Part Two. Ask the coordinator to correct your enrolment.';
  }
  if (!vignetteSetId)
    return 'This sitting has no vignette set for your track yet. Tell the proctor.';
  return null;
}

export type PartTwo = ReturnType<typeof createPartTwo>;

export interface CheckedDraft {
  ok: true;
  /** Canonical JSON: ProseMirror's own, defaults filled in. */
  doc: unknown;
  words: number;
}

/** Validates a whole document against the editor schema and caps, with the candidate's message. */
function checkDocument(doc: unknown): CheckedDraft | Extract<PartTwoResult, { ok: false }> {
  const checked = validateEssayDocument(doc);
  if (!checked.ok)
    return {
      ok: false,
      code: checked.code,
      message: `Your response could not be saved: ${checked.message}`,
    };
  return { ok: true, doc: checked.doc, words: checked.words };
}

/** Part Two: vignette drafts, the candidate's choice of vignettes, and their history. */
export function createPartTwo(deps: {
  db: Db;
  clock: Clock;
  vignettes: Pick<VignettesService, 'getSet'>;
  graceMs: number;
}) {
  const sets = new Map<string, Promise<VignetteSetWithVignettes | undefined>>();
  function setOf(id: string) {
    let cached = sets.get(id);
    if (!cached) {
      cached = deps.vignettes.getSet(id);
      sets.set(id, cached);
    }
    return cached;
  }

  function refuseUnlessOpen(clock: PartClock, now: number): PartTwoResult | undefined {
    if (clock.status === 'not-started')
      return { ok: false, code: 'PART_NOT_STARTED', message: 'Part Two has not started.' };
    if (clock.status === 'paused') {
      return {
        ok: false,
        code: 'PART_PAUSED',
        message: 'The exam is paused; your text is kept and will be saved when it resumes.',
      };
    }
    if (clock.status === 'expired')
      return {
        ok: false,
        code: 'DEADLINE_PASSED',
        message: 'Time is up for Part Two; this change was not saved.',
      };
    if (clock.status !== 'running')
      return {
        ok: false,
        code: 'PART_CLOSED',
        message: 'Part Two is closed; this change was not saved.',
      };
    if (clock.deadline !== null && now > clock.deadline + deps.graceMs) {
      return {
        ok: false,
        code: 'DEADLINE_PASSED',
        message: 'Time is up for Part Two; this change was not saved.',
      };
    }
    return undefined;
  }

  return {
    setOf,

    async state(context: AttemptContext): Promise<PartTwoState | null> {
      if (!context.vignetteSetId) return null;
      const set = await setOf(context.vignetteSetId);
      if (!set) return null;
      const [responses, choice] = await Promise.all([
        partTwoRepo.loadCurrentResponses(deps.db, context.attemptId),
        partTwoRepo.loadChoice(deps.db, context.attemptId),
      ]);
      return {
        title: set.title,
        instructions: set.instructions,
        requiredCount: set.requiredCount,
        vignettes: set.vignettes.map((v) => ({
          position: v.position,
          title: v.title,
          caseText: v.caseText,
          prompts: v.prompts,
        })),
        responses: responses.map((r) => ({
          vignette: r.vignette,
          revision: r.revision,
          doc: r.doc,
          words: r.words,
        })),
        chosen: choice?.chosen ?? [],
        choiceRevision: choice?.revision ?? 0,
        policies: context.policies,
      };
    },

    /** Whether drafts and patches for this vignette may be stored now. */
    async checkOpen(
      context: AttemptContext,
      clock: PartClock,
      vignette: number,
    ): Promise<PartTwoResult> {
      const closed = refuseUnlessOpen(clock, deps.clock.now().getTime());
      if (closed) return closed;
      const set = context.vignetteSetId ? await setOf(context.vignetteSetId) : undefined;
      if (!set?.vignettes.some((v) => v.position === vignette)) {
        return {
          ok: false,
          code: 'UNKNOWN_VIGNETTE',
          message: 'That vignette is not in your set.',
        };
      }
      return { ok: true };
    },

    /** A draft that came too late, checked as any draft is before it is held. */
    async checkLateDraft(
      context: AttemptContext,
      message: DraftSave,
    ): Promise<CheckedDraft | Extract<PartTwoResult, { ok: false }>> {
      const set = context.vignetteSetId ? await setOf(context.vignetteSetId) : undefined;
      if (!set?.vignettes.some((v) => v.position === message.vignette))
        return {
          ok: false,
          code: 'UNKNOWN_VIGNETTE',
          message: 'That vignette is not in your set.',
        };
      return checkDocument(message.doc);
    },

    /** A whole draft checked against the editor schema and caps; nothing is stored yet. */
    async checkDraft(
      context: AttemptContext,
      clock: PartClock,
      message: DraftSave,
    ): Promise<CheckedDraft | Extract<PartTwoResult, { ok: false }>> {
      const open = await this.checkOpen(context, clock, message.vignette);
      if (!open.ok) return open;
      return checkDocument(message.doc);
    },

    /**
     * Stores a checked draft. `stored` says whether this revision is now the response (false for
     * a replay of a revision already stored, or one older than what is stored).
     */
    async storeDraft(
      context: AttemptContext,
      draft: { vignette: number; revision: number; doc: unknown; words: number },
    ): Promise<PartTwoResult & { stored?: boolean }> {
      const now = deps.clock.now();
      const stored = await partTwoRepo.storeDraft(
        deps.db,
        { attemptId: context.attemptId, ...draft },
        now,
        new Date(now.getTime() - deps.graceMs),
      );
      if (stored) return { ok: true, stored: true };
      // Nothing written: either a newer revision is already stored (a replay: fine) or the part closed.
      const parts = await deliveryRepo.loadParts(deps.db, context.attemptId);
      const part = parts.find((p) => p.part === 2);
      return part?.closedAt
        ? {
            ok: false,
            code: 'PART_CLOSED',
            message: 'Part Two is closed; this change was not saved.',
          }
        : { ok: true, stored: false };
    },

    checkDocument,

    /**
     * Stores the candidate's choice of vignettes. Past the deadline and grace it is part of what
     * is graded, so, like a late answer, it goes to `holdLate` for a proctor to decide.
     */
    async setChoice(
      context: AttemptContext,
      clock: PartClock,
      message: ChoiceSet,
      holdLate: (choice: ChoiceSet) => Promise<PartTwoResult>,
    ): Promise<PartTwoResult> {
      const closed = refuseUnlessOpen(clock, deps.clock.now().getTime());
      const late = closed !== undefined && !closed.ok && closed.code === 'DEADLINE_PASSED';
      if (closed && !late) return closed;
      const set = context.vignetteSetId ? await setOf(context.vignetteSetId) : undefined;
      const chosen = [...new Set(message.chosen)].sort((a, b) => a - b);
      if (!set || chosen.some((p) => !set.vignettes.some((v) => v.position === p))) {
        return {
          ok: false,
          code: 'UNKNOWN_VIGNETTE',
          message: 'That vignette is not in your set.',
        };
      }
      if (late) return holdLate({ ...message, chosen });
      const at = deps.clock.now();
      await deps.db.transaction(async (tx) => {
        if (await partTwoRepo.storeChoice(tx, context.attemptId, chosen, message.revision, at)) {
          await deliveryRepo.insertAttemptEvent(tx, {
            attemptId: context.attemptId,
            type: 'choice',
            at,
            details: { chosen },
          });
        }
      });
      return { ok: true };
    },

    async recordPaste(
      context: AttemptContext,
      details: { vignette: number; chars: number; outcome: string },
    ) {
      await deliveryRepo.insertAttemptEvent(deps.db, {
        attemptId: context.attemptId,
        type: 'paste',
        at: deps.clock.now(),
        details,
      });
    },

    /** A candidate's own submit needs exactly the required number of vignettes chosen. */
    async assertSubmittable(context: AttemptContext): Promise<void> {
      const set = context.vignetteSetId ? await setOf(context.vignetteSetId) : undefined;
      const choice = await partTwoRepo.loadChoice(deps.db, context.attemptId);
      const count = choice?.chosen.length ?? 0;
      if (set && count !== set.requiredCount) {
        throw new AppError(
          'WRONG_CHOICE_COUNT',
          `Choose exactly ${set.requiredCount} vignettes to answer before submitting (you have chosen ${count}).`,
          409,
        );
      }
    },

    /** With the part locked: every acknowledged patch goes into the responses that are graded. */
    async onClose(tx: DbOrTx, attemptId: string, actorId: string | null): Promise<void> {
      const at = deps.clock.now();
      await partTwoRepo.foldPatches(tx, attemptId, at);
      await partTwoRepo.snapshotAll(tx, attemptId, 'submit', at, actorId);
    },

    countWords,
  };
}
