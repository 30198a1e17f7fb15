import { programmeScope } from '../../db/association-scope.js';
import type { Db, DbOrTx } from '../../db/client.js';
import type { VignettesService } from '../vignettes/index.js';
import * as readsRepo from './delivery-reads.repo.js';
import * as deliveryRepo from './delivery.repo.js';
import * as lateRepo from './late-changes.repo.js';
import * as partTwoRepo from './part-two.repo.js';

/** A stored response as the selection rule sees it. */
export interface StoredResponseWords {
  vignette: number;
  words: number;
}

/**
 * Which responses of a closed Part Two are graded. A candidate's own submit has exactly
 * `required` chosen, but an automatic close (deadline, proctor end) can leave more or fewer.
 * The rule: the chosen responses first, then the unchosen ones, each group by most words (then
 * position); empty responses are never graded (nothing to score, and an unchosen response with
 * text serves the candidate better than a chosen empty one); never more than `required`.
 * Fewer than `required` gradable responses means the rest count as missing.
 */
export function selectGradable(
  stored: readonly StoredResponseWords[],
  chosen: readonly number[],
  required: number,
): number[] {
  const byWords = (a: StoredResponseWords, b: StoredResponseWords) =>
    b.words - a.words || a.vignette - b.vignette;
  const nonEmpty = stored.filter((r) => r.words > 0);
  const picked = nonEmpty.filter((r) => chosen.includes(r.vignette)).sort(byWords);
  const unpicked = nonEmpty.filter((r) => !chosen.includes(r.vignette)).sort(byWords);
  return [...picked, ...unpicked].slice(0, Math.max(0, required)).map((r) => r.vignette);
}

export interface GradableAttempt {
  attemptId: string;
  candidateId: string;
  enrolmentId: string;
  variant: string;
  required: number;
  /** Vignette positions to grade, in the order the selection rule picked them. */
  vignettes: number[];
}

export interface AttemptForResults {
  attemptId: string;
  enrolmentId: string;
  candidateId: string;
  hasPartTwo: boolean;
  partOneClosed: boolean;
  partTwoClosed: boolean;
  /** Part One's stored result (see scoring.ts PartOneResult), once it closed. */
  partOneResult: Record<string, unknown> | null;
  /** Late changes held and not yet decided: the result is provisional until they are. */
  heldLateChanges: number;
  /** Every late change and what became of it, for the candidate's own results page. */
  lateChanges: {
    kind: 'answer' | 'draft' | 'choice';
    position: number;
    status: 'held' | 'accepted' | 'declined';
    reason: string | null;
  }[];
}

export type DeliveryResults = ReturnType<typeof createDeliveryResults>;

/** What grading and results read from delivery: closed attempts, their scores and responses. */
export function createDeliveryResults(deps: {
  db: Db;
  vignettes: Pick<VignettesService, 'getSet'>;
}) {
  const { db } = deps;

  return {
    /** The responses to grade for an attempt whose Part Two is closed; undefined otherwise. */
    async gradableAttempt(attemptId: string): Promise<GradableAttempt | undefined> {
      const attempt = await deliveryRepo.findAttempt(db, attemptId);
      if (!attempt?.vignetteSetId) return undefined;
      if (!(await deliveryRepo.partClosedAt(db, attemptId, 2))) return undefined;
      const set = await deps.vignettes.getSet(attempt.vignetteSetId);
      if (!set) return undefined;
      const [stored, choice] = await Promise.all([
        partTwoRepo.loadResponses(db, attemptId),
        partTwoRepo.loadChoice(db, attemptId),
      ]);
      return {
        attemptId,
        candidateId: attempt.candidateId,
        enrolmentId: attempt.enrolmentId,
        variant: set.variant,
        required: set.requiredCount,
        vignettes: selectGradable(stored, choice?.chosen ?? [], set.requiredCount),
      };
    },

    /** The vignette as the candidate saw it and their stored document, for rendering to graders. */
    async responseForGrading(attemptId: string, vignette: number) {
      const attempt = await deliveryRepo.findAttempt(db, attemptId);
      if (!attempt?.vignetteSetId) return undefined;
      const set = await deps.vignettes.getSet(attempt.vignetteSetId);
      const shown = set?.vignettes.find((v) => v.position === vignette);
      if (!shown) return undefined;
      const stored = await readsRepo.responseDoc(db, attemptId, vignette);
      return {
        vignette: { title: shown.title, caseText: shown.caseText, prompts: shown.prompts },
        doc: stored?.doc ?? null,
        words: stored?.words ?? 0,
      };
    },

    /** Vignette titles of an attempt's set, by position (for reviews and feedback). */
    async vignetteTitles(attemptId: string): Promise<Map<number, string>> {
      const attempt = await deliveryRepo.findAttempt(db, attemptId);
      const set = attempt?.vignetteSetId
        ? await deps.vignettes.getSet(attempt.vignetteSetId)
        : undefined;
      return new Map(set?.vignettes.map((v) => [v.position, v.title]) ?? []);
    },

    /** Attempts among these enrolments whose Part Two has closed. */
    closedPartTwoAttempts(enrolmentIds: readonly string[]): Promise<string[]> {
      return readsRepo.closedPartTwoAttemptIds(db, enrolmentIds);
    },

    /**
     * Every attempt of these enrolments with its parts' state and Part One result; read in the
     * caller's transaction when given one (release checks its figures there).
     */
    async attemptsOf(
      enrolmentIds: readonly string[],
      tx: DbOrTx = db,
    ): Promise<AttemptForResults[]> {
      if (enrolmentIds.length === 0) return [];
      const rows = await readsRepo.attemptsWithParts(tx, enrolmentIds);
      const byAttempt = new Map<string, AttemptForResults>();
      for (const { attempt, part } of rows) {
        const entry = byAttempt.get(attempt.id) ?? {
          attemptId: attempt.id,
          enrolmentId: attempt.enrolmentId,
          candidateId: attempt.candidateId,
          hasPartTwo: attempt.vignetteSetId !== null,
          partOneClosed: false,
          partTwoClosed: false,
          partOneResult: null,
          heldLateChanges: 0,
          lateChanges: [],
        };
        if (part.part === 1) {
          entry.partOneClosed = part.closedAt !== null;
          entry.partOneResult = part.result ?? null;
        } else {
          entry.partTwoClosed = part.closedAt !== null;
        }
        byAttempt.set(attempt.id, entry);
      }
      // The enrolments come from a caller that already checked their sitting's scope.
      const lateRows = await lateRepo.listByAttempts(tx, programmeScope, [...byAttempt.keys()]);
      for (const late of lateRows) {
        const entry = byAttempt.get(late.attemptId);
        if (!entry) continue;
        if (late.status === 'held') entry.heldLateChanges += 1;
        entry.lateChanges.push({
          kind: late.kind as 'answer' | 'draft' | 'choice',
          position: late.position,
          status: late.status as 'held' | 'accepted' | 'declined',
          reason: late.status === 'held' ? null : late.reason,
        });
      }
      return [...byAttempt.values()];
    },
  };
}
