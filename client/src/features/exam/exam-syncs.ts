import type { Welcome } from '@exam/shared/protocol';
import { AnswerSync } from './answer-sync';
import { ChoiceSync } from './choice-sync';
import { DraftSync, type DraftTiming } from './draft-sync';
import type { ExamState } from './exam-state';
import type { SyncChannel } from './sync-support';
import { ToolsSync } from './tools-sync';

/** When each sync may send: once welcomed, and (drafts, choice) while Part Two takes them. */
export interface SyncGates {
  welcomed: () => boolean;
  draftsGo: () => boolean;
}

/**
 * The attempt's four outbox-backed syncs (Part One answers, Part Two drafts and choice, the
 * candidate's tools), made together because a welcome for another attempt replaces them all,
 * and summed together because the screen shows one count of what is waiting.
 */
export class ExamSyncs {
  readonly answers: AnswerSync;
  readonly drafts: DraftSync;
  readonly choice: ChoiceSync;
  readonly tools: ToolsSync;

  constructor(
    channel: (canSend: () => boolean) => SyncChannel,
    gates: SyncGates,
    draftTiming?: DraftTiming,
  ) {
    this.answers = new AnswerSync(channel(gates.welcomed));
    this.drafts = new DraftSync(channel(gates.draftsGo), draftTiming);
    this.choice = new ChoiceSync(channel(gates.draftsGo));
    // A tools frame fits either part's frame cap; the server decides by the item's part.
    this.tools = new ToolsSync(channel(gates.welcomed));
  }

  /** One promise per sync, so a caller can wait for them alongside its own. */
  restore(): Promise<void>[] {
    return [
      this.answers.restore(),
      this.drafts.restore(),
      this.choice.restore(),
      this.tools.restore(),
    ];
  }

  replay(): void {
    this.tools.replay();
    this.answers.replay();
    this.drafts.replay();
    this.choice.replay();
  }

  onWelcome(attempt: Welcome['attempt']): void {
    this.answers.onWelcome(attempt.answers, attempt.maxSeq, attempt.lateChanges);
    if (attempt.partTwo) {
      this.drafts.onWelcome(attempt.partTwo.responses, attempt.lateChanges);
      this.choice.onWelcome(
        attempt.partTwo.chosen,
        attempt.partTwo.choiceRevision,
        attempt.lateChanges,
      );
    }
    this.tools.onWelcome(attempt.tools, attempt.displayPreference);
  }

  /** What is waiting (answers, drafts, choice, tools) and what the screen shows of it. */
  summary() {
    const drafts = this.drafts.summary();
    const pendingCount =
      this.answers.pendingCount +
      drafts.pendingCount +
      this.choice.pendingCount +
      this.tools.pendingCount;
    return {
      answers: this.answers.answers(),
      pendingCount,
      heldAnswers: this.answers.heldCount,
      heldDrafts: drafts.heldCount,
      heldChoices: this.choice.heldCount,
      chosen: this.choice.chosen(),
      preferredDisplay: this.tools.display(),
      unsavable: drafts.unsavable,
      replaced: drafts.replaced,
    } satisfies Partial<ExamState>;
  }

  dispose(): void {
    this.drafts.dispose();
  }
}
