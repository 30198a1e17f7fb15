import type { ErrorCode } from '@exam/shared/errors';
import {
  closeCodes,
  toolsKey,
  type PartClock,
  type ServerMessage,
  type ToolTarget,
} from '@exam/shared/protocol';
import { AnswerSync } from './answer-sync';
import { ChoiceSync } from './choice-sync';
import { DraftSync, type DraftTiming } from './draft-sync';
import { ExamConnection, type ExamConnectionOptions, type SocketLike } from './exam-connection';
import {
  initialExamState,
  isTimeUp,
  partTwoSubmitProblem,
  unsavedAtCloseNotice,
  type AnswerState,
  type ExamState,
} from './exam-state';
import type { Outbox } from './outbox';
import type { SyncChannel } from './sync-support';
import { ToolsSync, type ToolsState } from './tools-sync';

export type { SocketLike } from './exam-connection';

export interface ExamClientOptions {
  url: string;
  outbox: Outbox;
  createSocket?: (url: string) => SocketLike;
  now?: () => number;
  /** Draft debounce, shortened in tests. */
  draftTiming?: DraftTiming;
  /** This browser's device key, for same-device resume (see ExamConnectionOptions.device). */
  device?: ExamConnectionOptions['device'];
}

/** Server errors that answer a submit: the screen shows them where the candidate submitted. */
const SUBMIT_REFUSALS: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['WRONG_CHOICE_COUNT']);

export type PasteOutcome = 'pasted' | 'plain-text' | 'blocked';

/**
 * The candidate's side of the exam socket. Every change (Part One answers, Part Two drafts and
 * choice) is kept in the persisted outbox until the server acknowledges it and replayed on every
 * (re)connect; clock skew is measured on every message. The socket's life is ExamConnection's.
 */
export class ExamClient {
  private state: ExamState = initialExamState;
  private readonly listeners = new Set<() => void>();
  private readonly connection: ExamConnection;
  private answers!: AnswerSync;
  private drafts!: DraftSync;
  private choice!: ChoiceSync;
  private tools!: ToolsSync;
  /** The attempt the outbox is bound to; a welcome for another attempt clears it first. */
  private boundAttempt: string | undefined;
  /** Paste records wait in memory for the socket: they are records, not the candidate's work. */
  private readonly pastes: object[] = [];
  private readonly now: () => number;
  private rttMs = 0;
  /** Counts start() calls, so a start overtaken by dispose (or another start) stops. */
  private starts = 0;
  private disposed = false;
  private submitWhenDrained: 1 | 2 | undefined;
  /**
   * The notice last shown from a server `error` ("open on another device", "could not handle
   * that"): it said something about that connection, so a welcome (or a retry) takes it away.
   */
  private errorNotice: string | undefined;

  constructor(private readonly options: ExamClientOptions) {
    this.now = options.now ?? (() => Date.now());
    this.connection = new ExamConnection({
      url: options.url,
      createSocket: options.createSocket,
      now: this.now,
      lastAckedSeq: () => this.answers.serverMaxSeq,
      onMessage: (message) => this.onMessage(message),
      ...(options.device ? { device: options.device } : {}),
      onStatus: (connection, finalProblem, closeCode) =>
        this.update(
          finalProblem
            ? {
                connection,
                finalProblem,
                resumeCodeRequired: closeCode === closeCodes.RESUME_CODE_REQUIRED,
              }
            : { connection },
        ),
    });
    this.createSyncs(options);
  }

  private createSyncs(options: ExamClientOptions): void {
    const channel = (canSend: () => boolean): SyncChannel => ({
      outbox: options.outbox,
      canSend,
      send: (frame) => this.connection.send(frame),
      generation: () => this.connection.generation,
      changed: () => this.refresh(),
      notify: (notice) => this.update({ notice }),
      serverNow: () => Math.round(this.now() + this.state.skewMs),
    });
    // Drafts go only while Part Two runs: before that the server's frame cap is Part One's. After
    // it expired they (and the choice of vignettes) still go: made before 0:00, the server holds
    // them for the proctor.
    const partTwoStatus = () => this.state.parts.find((p) => p.part === 2)?.status;
    const draftsGo = () =>
      this.connection.welcomed && (partTwoStatus() === 'running' || partTwoStatus() === 'expired');
    this.answers = new AnswerSync(channel(() => this.connection.welcomed));
    this.drafts = new DraftSync(channel(draftsGo), options.draftTiming);
    this.choice = new ChoiceSync(channel(draftsGo));
    // A tools frame fits either part's frame cap; the server decides by the item's part.
    this.tools = new ToolsSync(channel(() => this.connection.welcomed));
  }

  getState = (): ExamState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Connects; safe to call again after dispose (React may mount an effect twice). */
  async start(): Promise<void> {
    this.disposed = false;
    const start = ++this.starts;
    const [bound] = await Promise.all([
      this.options.outbox.attempt(),
      this.answers.restore(),
      this.drafts.restore(),
      this.choice.restore(),
      this.tools.restore(),
    ]);
    this.boundAttempt = bound;
    if (start !== this.starts || this.disposed) return;
    this.refresh();
    this.connection.open();
  }

  dispose(): void {
    this.disposed = true;
    this.starts += 1;
    this.drafts.dispose();
    this.connection.dispose();
  }

  /**
   * Whether the part's deadline has passed as this device measures it: from then on no change is
   * taken or sent (the screen is read-only too; this is the rule behind it).
   */
  timeIsUp(part: 1 | 2): boolean {
    const clock = this.state.parts.find((p) => p.part === part);
    return isTimeUp(clock, this.now(), this.state.skewMs);
  }

  setAnswer(position: number, next: AnswerState): Promise<void> {
    if (this.timeIsUp(1)) {
      this.update({ notice: 'Time is up for Part One: that change was not made.' });
      return Promise.resolve();
    }
    return this.answers.setAnswer(position, next);
  }

  /**
   * Changes part of a question's state on top of its latest state on this device (pending
   * changes included), so two changes made before the screen re-renders both count.
   */
  changeAnswer(position: number, change: Partial<AnswerState>): Promise<void> {
    const latest = this.answers.answers()[position] ?? { choice: null, flagged: false };
    return this.setAnswer(position, { ...latest, ...change });
  }

  /** The editor's latest document for a vignette; saved debounced. */
  editDraft(vignette: number, doc: unknown): void {
    if (this.timeIsUp(2)) return;
    this.drafts.edit(vignette, doc);
  }

  /** One editor transaction's steps (ProseMirror step JSON) and the document's size after them. */
  draftSteps(vignette: number, steps: unknown[], size: number): void {
    if (this.timeIsUp(2)) return;
    this.drafts.steps(vignette, steps, size);
  }

  /** Saves every edited draft now: on blur, switching vignette, and when the page is hidden. */
  flushDrafts(): Promise<void> {
    return this.drafts.flush();
  }

  /** What an editor opens with for a vignette: the newest text this device knows. */
  draftDoc(vignette: number): unknown {
    return this.drafts.docFor(vignette);
  }

  setChosen(chosen: number[]): Promise<void> {
    if (this.timeIsUp(2)) return Promise.resolve();
    // A refused submit was about the old choice.
    if (this.state.submitProblem) this.update({ submitProblem: undefined });
    return this.choice.set(chosen);
  }

  /** One question's or vignette's tools: struck options, highlights and the note. */
  itemTools(target: ToolTarget, position: number): ToolsState {
    return this.tools.itemTools(target, position);
  }

  /**
   * Changes an item's tools, saved through the outbox like an answer. After the part's time is
   * up nothing changes (the server would refuse it).
   */
  setItemTools(target: ToolTarget, position: number, next: ToolsState): Promise<void> {
    if (this.timeIsUp(target === 'question' ? 1 : 2)) return Promise.resolve();
    return this.tools.setItem(target, position, next);
  }

  /** The candidate's own display choice; an accommodation's settings apply whatever it says. */
  setDisplay(next: { largeText: boolean; highContrast: boolean }): Promise<void> {
    return this.tools.setDisplay(next);
  }

  recordPaste(vignette: number, chars: number, outcome: PasteOutcome): void {
    const record = { type: 'paste.record', vignette, chars, outcome };
    if (!this.connection.welcomed || !this.connection.send(record)) this.pastes.push(record);
  }

  /** After a resume code is redeemed on this device: connect again and take the attempt over. */
  retry(): void {
    this.clearErrorNotice();
    this.update({ finalProblem: undefined, resumeCodeRequired: false, connection: 'connecting' });
    this.connection.retry();
  }

  startPart(part: 1 | 2): void {
    this.connection.send({ type: 'part.start', part });
  }

  /**
   * Submits once every pending change is acknowledged, so nothing typed is left behind. Part Two
   * is refused here, with the reason, when the choice is wrong or a response cannot be saved.
   */
  submitPart(part: 1 | 2): void {
    // After 0:00 the part closes by itself, as expired, with what was sent in time.
    if (this.timeIsUp(part) && this.submitWhenDrained === undefined) return;
    const problem = part === 2 ? partTwoSubmitProblem(this.state) : undefined;
    if (problem) {
      this.update({ submitProblem: problem });
      return;
    }
    this.submitWhenDrained = part;
    this.update({ submitting: true, submitProblem: undefined });
    if (part === 2) void this.drafts.flush();
    this.flushSubmit();
  }

  networkChanged(online: boolean): void {
    this.connection.networkChanged(online);
  }

  pageVisible(): void {
    this.connection.pageVisible();
  }

  private flushSubmit(): void {
    const part = this.submitWhenDrained;
    if (part === undefined) return;
    const problem = part === 2 ? partTwoSubmitProblem(this.state) : undefined;
    if (problem) {
      this.submitWhenDrained = undefined;
      this.update({ submitting: false, submitProblem: problem });
      return;
    }
    if (this.state.pendingCount > 0 || !this.connection.welcomed) return;
    this.submitWhenDrained = undefined;
    this.connection.send({ type: 'part.submit', part });
    this.update({ submitting: false });
  }

  /** The outbox's entries belong to another attempt (an earlier sitting): they are deleted. */
  private async rebind(attemptId: string): Promise<void> {
    await this.options.outbox.bindAttempt(attemptId);
    this.drafts.dispose();
    this.createSyncs(this.options);
    await Promise.all([
      this.answers.restore(),
      this.drafts.restore(),
      this.choice.restore(),
      this.tools.restore(),
    ]);
    this.boundAttempt = attemptId;
  }

  /** Takes away a notice that came from a server error, and only such a notice. */
  private clearErrorNotice(): void {
    if (this.errorNotice !== undefined && this.state.notice === this.errorNotice) {
      this.update({ notice: undefined });
    }
    this.errorNotice = undefined;
  }

  private onWelcome(
    message: Extract<ServerMessage, { type: 'welcome' }>,
    receivedAt: number,
  ): void {
    this.connection.markWelcomed();
    this.clearErrorNotice();
    const { attempt } = message;
    this.update({
      connection: 'open',
      loaded: true,
      attemptId: attempt.attemptId,
      sittingName: attempt.sittingName,
      admitted: attempt.admitted,
      parts: attempt.parts,
      questions: attempt.questions,
      partTwo: attempt.partTwo,
      partTwoProblem: attempt.partTwoProblem,
      display: attempt.display,
      lastSavedAt: this.state.pendingCount === 0 ? receivedAt : this.state.lastSavedAt,
    });
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
    this.abandonIfPartTwoClosed();
    for (const paste of this.pastes.splice(0)) this.connection.send(paste);
    this.refresh();
  }

  private onMessage(message: ServerMessage): void {
    const receivedAt = this.now();
    if (message.type === 'time.sync') this.rttMs = Math.max(0, receivedAt - message.clientSentAt);
    this.update({ skewMs: message.serverTime + this.rttMs / 2 - receivedAt });
    switch (message.type) {
      case 'welcome': {
        const { attemptId } = message.attempt;
        if (this.boundAttempt === undefined || this.boundAttempt === attemptId) {
          this.boundAttempt = attemptId;
          void this.options.outbox.bindAttempt(attemptId);
          this.onWelcome(message, receivedAt);
          return;
        }
        // The outbox holds another attempt's changes: clear it before anything is replayed.
        void this.rebind(attemptId).then(() => this.onWelcome(message, receivedAt));
        return;
      }
      case 'answer.ack':
        return this.answers.onAck(message.seq);
      case 'answer.rejected':
        return this.answers.onRejected(message.seq, message.code, message.message);
      case 'answer.held':
        return this.answers.onHeld(message.seq);
      case 'draft.held':
        return this.drafts.onHeld(message.vignette, message.revision);
      case 'draft.ack':
        return this.drafts.onAck(message.vignette, message.revision);
      case 'draft.rejected': {
        const { vignette, revision, code } = message;
        return this.drafts.onRejected(vignette, revision, code, message.message);
      }
      case 'choice.ack':
        return this.choice.onAck(message.revision);
      case 'choice.rejected':
        return this.choice.onRejected(message.revision, message.code, message.message);
      case 'choice.held':
        return this.choice.onHeld(message.revision);
      case 'tools.ack':
        return this.tools.onAck(toolsKey(message.target, message.position), message.revision);
      case 'tools.rejected': {
        const key = toolsKey(message.target, message.position);
        return this.tools.onRejected(key, message.revision, message.code, message.message);
      }
      case 'display.ack':
        return this.tools.onAck('display', message.revision);
      case 'display.rejected':
        return this.tools.onRejected('display', message.revision, message.code, message.message);
      case 'clock.update':
        this.setPart(message.clock);
        if (message.clock.status === 'running') {
          this.tools.replay();
          this.answers.replay();
          this.drafts.replay();
          this.choice.replay();
        }
        return;
      case 'part.closed': {
        const part = this.state.parts.find((p) => p.part === message.part);
        if (part) this.setPart({ ...part, status: message.status, deadline: null, remainingMs: 0 });
        this.abandonIfPartTwoClosed();
        return;
      }
      case 'error':
        if (SUBMIT_REFUSALS.has(message.code)) {
          this.submitWhenDrained = undefined;
          this.update({ submitting: false, submitProblem: message.message });
        } else {
          this.errorNotice = message.message;
          this.update({ notice: message.message });
        }
        return;
      case 'time.sync':
        return;
      case 'device.challenge':
        // Answered by ExamConnection, which holds the device key; it never reaches here.
        return;
    }
  }

  /**
   * Once Part Two is closed the server stores nothing more, and its socket takes no draft-sized
   * frame: what is still unacknowledged is dropped, and the candidate told, rather than shown as
   * "waiting to save" forever.
   */
  private abandonIfPartTwoClosed(): void {
    const status = this.state.parts.find((p) => p.part === 2)?.status;
    if (status !== 'submitted' && status !== 'expired' && status !== 'ended') return;
    // Text written before time ran out is not dropped: it goes, and the server holds it.
    const expired = status === 'expired';
    const dropped = expired ? [] : this.drafts.abandon();
    if (expired) {
      void this.drafts.flush();
      this.choice.replay();
    }
    const notice = unsavedAtCloseNotice(dropped, !expired && this.choice.abandon());
    if (!notice) return;
    this.update({ notice });
    this.refresh();
  }

  private setPart(clock: PartClock): void {
    const parts = this.state.parts.some((p) => p.part === clock.part)
      ? this.state.parts.map((p) => (p.part === clock.part ? clock : p))
      : [...this.state.parts, clock];
    this.update({ parts });
  }

  /** Recomputes what is waiting (answers, drafts, choice) and what the screen shows of it. */
  private refresh(): void {
    const drafts = this.drafts.summary();
    const pendingCount =
      this.answers.pendingCount +
      drafts.pendingCount +
      this.choice.pendingCount +
      this.tools.pendingCount;
    const drained = this.state.pendingCount > 0 && pendingCount === 0;
    this.update({
      answers: this.answers.answers(),
      pendingCount,
      heldAnswers: this.answers.heldCount,
      heldDrafts: drafts.heldCount,
      heldChoices: this.choice.heldCount,
      chosen: this.choice.chosen(),
      preferredDisplay: this.tools.display(),
      toolsVersion: this.state.toolsVersion + 1,
      unsavable: drafts.unsavable,
      replaced: drafts.replaced,
      ...(drained ? { lastSavedAt: this.now() } : {}),
    });
    this.flushSubmit();
  }

  private update(patch: Partial<ExamState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}
