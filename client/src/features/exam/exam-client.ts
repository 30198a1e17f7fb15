import { closeCodes, type ToolTarget } from '@exam/shared/protocol';
import type { DraftTiming } from './draft-sync';
import { ExamConnection, type ExamConnectionOptions, type SocketLike } from './exam-connection';
import { ExamMessageHandler } from './exam-message-handler';
import { initialExamState, isTimeUp, type AnswerState, type ExamState } from './exam-state';
import { ExamSyncs } from './exam-syncs';
import { moreNotSaved, recalledNotSaved } from './not-saved-tally';
import type { Outbox } from './outbox';
import { PartSubmit } from './part-submit';
import type { SyncChannel } from './sync-support';
import type { ToolsState } from './tools-sync';

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

export type PasteOutcome = 'pasted' | 'plain-text' | 'blocked';

/**
 * The candidate's side of the exam socket. Every change (Part One answers, Part Two drafts and
 * choice) is kept in the persisted outbox until the server acknowledges it and replayed on every
 * (re)connect; clock skew is measured on every message. The socket's life is ExamConnection's;
 * what the server's messages do is ExamMessageHandler's; a submit waiting for the outbox to drain
 * is PartSubmit's.
 */
export class ExamClient {
  private state: ExamState = initialExamState;
  private readonly listeners = new Set<() => void>();
  private readonly connection: ExamConnection;
  private readonly messages: ExamMessageHandler;
  private readonly submit: PartSubmit;
  private syncs!: ExamSyncs;
  /** The attempt the outbox is bound to; a welcome for another attempt clears it first. */
  private boundAttempt: string | undefined;
  /** Paste records wait in memory for the socket: they are records, not the candidate's work. */
  private readonly pastes: object[] = [];
  private readonly now: () => number;
  /** Counts start() calls, so a start overtaken by dispose (or another start) stops. */
  private starts = 0;
  private disposed = false;

  constructor(private readonly options: ExamClientOptions) {
    this.now = options.now ?? (() => Date.now());
    this.connection = new ExamConnection({
      url: options.url,
      createSocket: options.createSocket,
      now: this.now,
      lastAckedSeq: () => this.syncs.answers.serverMaxSeq,
      onMessage: (message) => this.messages.handle(message),
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
    this.messages = new ExamMessageHandler({
      connection: this.connection,
      now: this.now,
      state: () => this.state,
      update: (patch) => this.update(patch),
      refresh: () => this.refresh(),
      notSaved: (count, reason) => this.notSaved(count, reason),
      syncs: () => this.syncs,
      bindAttempt: (attemptId, apply) => this.bindAttempt(attemptId, apply),
      refuseSubmit: (problem) => this.submit.refuse(problem),
      takePastes: () => this.pastes.splice(0),
    });
    this.submit = new PartSubmit({
      connection: this.connection,
      state: () => this.state,
      update: (patch) => this.update(patch),
      timeIsUp: (part) => this.timeIsUp(part),
      flushDrafts: () => void this.syncs.drafts.flush(),
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
      refused: (reason) => this.notSaved(1, reason),
      serverNow: () => Math.round(this.now() + this.state.skewMs),
    });
    // Drafts go only while Part Two runs: before that the server's frame cap is Part One's. After
    // it expired they (and the choice of vignettes) still go: made before 0:00, the server holds
    // them for the proctor.
    const partTwoStatus = () => this.state.parts.find((p) => p.part === 2)?.status;
    const draftsGo = () =>
      this.connection.welcomed && (partTwoStatus() === 'running' || partTwoStatus() === 'expired');
    const welcomed = () => this.connection.welcomed;
    this.syncs = new ExamSyncs(channel, { welcomed, draftsGo }, options.draftTiming);
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
    const [bound] = await Promise.all([this.options.outbox.attempt(), ...this.syncs.restore()]);
    this.boundAttempt = bound;
    if (start !== this.starts || this.disposed) return;
    this.refresh();
    this.connection.open();
  }

  dispose(): void {
    this.disposed = true;
    this.starts += 1;
    this.syncs.dispose();
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
    return this.syncs.answers.setAnswer(position, next);
  }

  /**
   * Changes part of a question's state on top of its latest state on this device (pending
   * changes included), so two changes made before the screen re-renders both count.
   */
  changeAnswer(position: number, change: Partial<AnswerState>): Promise<void> {
    const latest = this.syncs.answers.answers()[position] ?? { choice: null, flagged: false };
    return this.setAnswer(position, { ...latest, ...change });
  }

  /** The editor's latest document for a vignette; saved debounced. */
  editDraft(vignette: number, doc: unknown): void {
    if (this.timeIsUp(2)) return;
    this.syncs.drafts.edit(vignette, doc);
  }

  /** One editor transaction's steps (ProseMirror step JSON) and the document's size after them. */
  draftSteps(vignette: number, steps: unknown[], size: number): void {
    if (this.timeIsUp(2)) return;
    this.syncs.drafts.steps(vignette, steps, size);
  }

  /** Saves every edited draft now: on blur, switching vignette, and when the page is hidden. */
  flushDrafts(): Promise<void> {
    return this.syncs.drafts.flush();
  }

  /** What an editor opens with for a vignette: the newest text this device knows. */
  draftDoc(vignette: number): unknown {
    return this.syncs.drafts.docFor(vignette);
  }

  setChosen(chosen: number[]): Promise<void> {
    if (this.timeIsUp(2)) return Promise.resolve();
    // A refused submit was about the old choice.
    if (this.state.submitProblem) this.update({ submitProblem: undefined });
    return this.syncs.choice.set(chosen);
  }

  /** One question's or vignette's tools: struck options, highlights and the note. */
  itemTools(target: ToolTarget, position: number): ToolsState {
    return this.syncs.tools.itemTools(target, position);
  }

  /**
   * Changes an item's tools, saved through the outbox like an answer. After the part's time is
   * up nothing changes (the server would refuse it).
   */
  setItemTools(target: ToolTarget, position: number, next: ToolsState): Promise<void> {
    if (this.timeIsUp(target === 'question' ? 1 : 2)) return Promise.resolve();
    return this.syncs.tools.setItem(target, position, next);
  }

  /** The candidate's own display choice; an accommodation's settings apply whatever it says. */
  setDisplay(next: { largeText: boolean; highContrast: boolean }): Promise<void> {
    return this.syncs.tools.setDisplay(next);
  }

  recordPaste(vignette: number, chars: number, outcome: PasteOutcome): void {
    const record = { type: 'paste.record', vignette, chars, outcome };
    if (!this.connection.welcomed || !this.connection.send(record)) this.pastes.push(record);
  }

  /** After a resume code is redeemed on this device: connect again and take the attempt over. */
  retry(): void {
    this.messages.clearErrorNotice();
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
    this.submit.request(part);
  }

  networkChanged(online: boolean): void {
    this.connection.networkChanged(online);
  }

  pageVisible(): void {
    this.connection.pageVisible();
  }

  /** The outbox's entries belong to another attempt (an earlier sitting): they are deleted. */
  private async rebind(attemptId: string): Promise<void> {
    await this.options.outbox.bindAttempt(attemptId);
    this.syncs.dispose();
    this.createSyncs(this.options);
    await Promise.all(this.syncs.restore());
    this.boundAttempt = attemptId;
  }

  /** Binds the outbox to a welcome's attempt, then applies the welcome. */
  private bindAttempt(attemptId: string, apply: () => void): void {
    if (this.boundAttempt === undefined || this.boundAttempt === attemptId) {
      this.boundAttempt = attemptId;
      void this.options.outbox.bindAttempt(attemptId);
      this.recallNotSaved(attemptId);
      apply();
      return;
    }
    // The outbox holds another attempt's changes: clear it before anything is replayed.
    void this.rebind(attemptId).then(() => {
      this.update({ notSavedCount: 0, notSavedReasons: [] });
      this.recallNotSaved(attemptId);
      apply();
    });
  }

  /** Changes of this attempt refused before a reload still count, with why: never "saved". */
  private recallNotSaved(attemptId: string): void {
    const recalled = recalledNotSaved(attemptId, this.state);
    if (recalled) this.update(recalled);
  }

  /** Changes that left the outbox unstored: counted, and listed with why, on the device too. */
  private notSaved(count: number, reason: string): void {
    this.update(moreNotSaved(this.boundAttempt, this.state, count, reason));
  }

  /** Recomputes what is waiting (answers, drafts, choice) and what the screen shows of it. */
  private refresh(): void {
    const summary = this.syncs.summary();
    const drained = this.state.pendingCount > 0 && summary.pendingCount === 0;
    this.update({
      ...summary,
      toolsVersion: this.state.toolsVersion + 1,
      ...(drained ? { lastSavedAt: this.now() } : {}),
    });
    this.submit.sendIfDrained();
  }

  private update(patch: Partial<ExamState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}
