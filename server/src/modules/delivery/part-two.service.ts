import { variantFor, type Category, type MentorTrack } from '@exam/shared/domain';
import { countWords, validateEssayDocument } from '@exam/shared/editor';
import {
  partTwoPoliciesSchema,
  type ChoiceSet,
  type DraftSave,
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
import { createPartTwoClockCheck, type PartTwoClock } from './part-two-clock.js';
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

/**
 * Part Two: vignette drafts, the candidate's choice of vignettes, and their history. As for
 * Part One's answers (part-one-save.ts), every decision by the clock is made on the cached copy
 * and checked against attempt_parts.version: a refusal first rereads a copy found stale, and a
 * write carries the version it was decided on into its statement, so an instance that has not
 * yet heard of a pause or a deadline another instance moved never stores a change by it.
 */
export function createPartTwo(deps: {
  db: Db;
  clock: Clock;
  vignettes: Pick<VignettesService, 'getSet'>;
  graceMs: number;
  parts: PartTwoClock;
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

  const versionOf = (context: AttemptContext) => context.parts.get(2)?.row.version ?? 0;
  const cutoff = (now: Date) => new Date(now.getTime() - deps.graceMs);

  const { refusal } = createPartTwoClockCheck(deps);

  return {
    setOf,
    versionOf,
    refresh: (context: AttemptContext) => deps.parts.refresh(context),

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

    /** Whether drafts and patches for this vignette may be stored now (by a checked copy). */
    async checkOpen(context: AttemptContext, vignette: number): Promise<PartTwoResult> {
      const closed = await refusal(context);
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
      message: DraftSave,
    ): Promise<CheckedDraft | Extract<PartTwoResult, { ok: false }>> {
      const open = await this.checkOpen(context, message.vignette);
      if (!open.ok) return open;
      return checkDocument(message.doc);
    },

    /**
     * Stores a checked draft at the version it was decided on (partTwoRepo.storeDraft's
     * outcomes). On `moved` the cached parts have been reread: the caller decides again.
     */
    async storeDraft(
      context: AttemptContext,
      draft: { vignette: number; revision: number; doc: unknown; words: number },
      /** The version the draft was checked on (read before the check's awaits). */
      version: number = versionOf(context),
    ): Promise<partTwoRepo.DraftOutcome> {
      const now = deps.clock.now();
      const outcome = await partTwoRepo.storeDraft(
        deps.db,
        { attemptId: context.attemptId, ...draft, version },
        now,
        cutoff(now),
      );
      if (outcome === 'moved') await deps.parts.refresh(context);
      return outcome;
    },

    checkDocument,

    /**
     * Stores the candidate's choice of vignettes. Past the deadline and grace it is part of what
     * is graded, so, like a late answer, it goes to `holdLate` for a proctor to decide.
     */
    async setChoice(
      context: AttemptContext,
      message: ChoiceSet,
      holdLate: (choice: ChoiceSet) => Promise<PartTwoResult>,
      reread = false,
    ): Promise<PartTwoResult> {
      // The version this choice is decided on, read before anything is awaited: a draft on the
      // same connection may reread the part meanwhile, and a decision taken on the old copy must
      // not be stored under the new copy's version (the lock below refuses it, and it is decided
      // again).
      const version = versionOf(context);
      const closed = await refusal(context);
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
      const open = await deps.db.transaction(async (tx) => {
        // Decided on this version: a part moved since (perhaps elsewhere) is decided on again.
        if (!(await partTwoRepo.lockOpenPartTwo(tx, context.attemptId, version, cutoff(at))))
          return false;
        if (await partTwoRepo.storeChoice(tx, context.attemptId, chosen, message.revision, at)) {
          await deliveryRepo.insertAttemptEvent(tx, {
            attemptId: context.attemptId,
            type: 'choice',
            at,
            details: { chosen },
          });
        }
        return true;
      });
      if (open) return { ok: true };
      await deps.parts.refresh(context);
      if (!reread) return this.setChoice(context, message, holdLate, true);
      return {
        ok: false,
        code: 'PART_CLOSED',
        message: 'Part Two is closed; this change was not saved.',
      };
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
