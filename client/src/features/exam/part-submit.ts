import type { ExamConnection } from './exam-connection';
import { partTwoSubmitProblem, type ExamState } from './exam-state';

/** What of ExamClient a submit waits on and reports to; ExamClient owns all of it. */
export interface PartSubmitHost {
  readonly connection: Pick<ExamConnection, 'welcomed' | 'send'>;
  state(): ExamState;
  update(patch: Partial<ExamState>): void;
  timeIsUp(part: 1 | 2): boolean;
  /** Saves every edited draft now, so Part Two's latest text is pending before the submit. */
  flushDrafts(): void;
}

/**
 * A part's submit, held until every pending change is acknowledged, so nothing typed is left
 * behind. Apart from ExamClient because it is one rule with its own state (the part waiting to
 * go) that the candidate's submit, every refresh and the server's refusal all act on.
 */
export class PartSubmit {
  private submitWhenDrained: 1 | 2 | undefined;

  constructor(private readonly host: PartSubmitHost) {}

  /**
   * Submits once every pending change is acknowledged. Part Two is refused here, with the
   * reason, when the choice is wrong or a response cannot be saved.
   */
  request(part: 1 | 2): void {
    // After 0:00 the part closes by itself, as expired, with what was sent in time.
    if (this.host.timeIsUp(part) && this.submitWhenDrained === undefined) return;
    const problem = part === 2 ? partTwoSubmitProblem(this.host.state()) : undefined;
    if (problem) {
      this.host.update({ submitProblem: problem });
      return;
    }
    this.submitWhenDrained = part;
    this.host.update({ submitting: true, submitProblem: undefined });
    if (part === 2) this.host.flushDrafts();
    this.sendIfDrained();
  }

  /** Sends the waiting submit if nothing is pending any more (called on every refresh). */
  sendIfDrained(): void {
    const part = this.submitWhenDrained;
    if (part === undefined) return;
    const problem = part === 2 ? partTwoSubmitProblem(this.host.state()) : undefined;
    if (problem) {
      this.submitWhenDrained = undefined;
      this.host.update({ submitting: false, submitProblem: problem });
      return;
    }
    if (this.host.state().pendingCount > 0 || !this.host.connection.welcomed) return;
    this.submitWhenDrained = undefined;
    this.host.connection.send({ type: 'part.submit', part });
    this.host.update({ submitting: false });
  }

  /** The server refused the submit: it no longer waits for the outbox to drain. */
  refuse(problem: string): void {
    this.submitWhenDrained = undefined;
    this.host.update({ submitting: false, submitProblem: problem });
  }
}
