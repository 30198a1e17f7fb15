import type { ErrorCode } from '@exam/shared/errors';
import { toolsKey, type PartClock, type ServerMessage, type Welcome } from '@exam/shared/protocol';
import type { ExamConnection } from './exam-connection';
import { timeChangeNotice, unsavedAtCloseNotice, type ExamState } from './exam-state';
import type { ExamSyncs } from './exam-syncs';

/** Server errors that answer a submit: the screen shows them where the candidate submitted. */
const SUBMIT_REFUSALS: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['WRONG_CHOICE_COUNT']);

/** Whether a welcome carries anything the candidate did: a reload after their first save. */
function holdsWork(attempt: Welcome['attempt']): boolean {
  const { partTwo } = attempt;
  return (
    attempt.answers.length > 0 ||
    (partTwo !== null &&
      (partTwo.responses.length > 0 || partTwo.chosen.length > 0 || partTwo.choiceRevision > 0)) ||
    attempt.tools.length > 0 ||
    attempt.displayPreference.revision > 0
  );
}

/** What of ExamClient the server's messages act on; ExamClient owns all of it. */
export interface ExamMessageHost {
  readonly connection: Pick<ExamConnection, 'markWelcomed' | 'send'>;
  now(): number;
  state(): ExamState;
  update(patch: Partial<ExamState>): void;
  /** Recomputes what is waiting from the syncs. */
  refresh(): void;
  /** Changes that left the outbox unstored: counted, and the candidate told why. */
  notSaved(count: number, reason: string): void;
  /** The current syncs: a welcome for another attempt replaces them. */
  syncs(): ExamSyncs;
  /** Binds the outbox to the welcome's attempt, then applies the welcome (`apply`). */
  bindAttempt(attemptId: string, apply: () => void): void;
  /** The server refused a submit: it no longer waits for the outbox to drain. */
  refuseSubmit(problem: string): void;
  /** Paste records kept while the socket was not welcomed, handed over once. */
  takePastes(): object[];
}

/**
 * Applies each server message to the exam client's state and syncs: the welcome, acks and
 * refusals (each to the sync that sent the change), clocks and closed parts, errors. Apart from
 * ExamClient so the candidate's actions and the server's answers can each be read whole.
 */
export class ExamMessageHandler {
  private rttMs = 0;
  /**
   * The notice last shown from a server `error` ("open on another device", "could not handle
   * that"): it said something about that connection, so a welcome (or a retry) takes it away.
   */
  private errorNotice: string | undefined;

  constructor(private readonly host: ExamMessageHost) {}

  handle(message: ServerMessage): void {
    const receivedAt = this.host.now();
    if (message.type === 'time.sync') this.rttMs = Math.max(0, receivedAt - message.clientSentAt);
    this.host.update({ skewMs: message.serverTime + this.rttMs / 2 - receivedAt });
    const { answers, drafts, choice, tools } = this.host.syncs();
    switch (message.type) {
      case 'welcome':
        return this.host.bindAttempt(message.attempt.attemptId, () =>
          this.onWelcome(message, receivedAt),
        );
      case 'answer.ack':
        this.stored();
        return answers.onAck(message.seq);
      case 'answer.rejected':
        return answers.onRejected(message.seq, message.code, message.message);
      case 'answer.held':
        return answers.onHeld(message.seq);
      case 'draft.held':
        return drafts.onHeld(message.vignette, message.revision);
      case 'draft.ack':
        this.stored();
        return drafts.onAck(message.vignette, message.revision);
      case 'draft.rejected': {
        const { vignette, revision, code } = message;
        return drafts.onRejected(vignette, revision, code, message.message);
      }
      case 'choice.ack':
        this.stored();
        return choice.onAck(message.revision);
      case 'choice.rejected':
        return choice.onRejected(message.revision, message.code, message.message);
      case 'choice.held':
        return choice.onHeld(message.revision);
      case 'tools.ack':
        this.stored();
        return tools.onAck(toolsKey(message.target, message.position), message.revision);
      case 'tools.rejected': {
        const key = toolsKey(message.target, message.position);
        return tools.onRejected(key, message.revision, message.code, message.message);
      }
      case 'display.ack':
        this.stored();
        return tools.onAck('display', message.revision);
      case 'display.rejected':
        return tools.onRejected('display', message.revision, message.code, message.message);
      case 'clock.update': {
        const before = this.host.state().parts.find((p) => p.part === message.clock.part);
        this.setPart(message.clock);
        const notice = timeChangeNotice(before, message.clock);
        if (notice) this.host.update({ notice });
        if (message.clock.status === 'running') this.host.syncs().replay();
        return;
      }
      case 'part.closed': {
        const part = this.host.state().parts.find((p) => p.part === message.part);
        if (part) this.setPart({ ...part, status: message.status, deadline: null, remainingMs: 0 });
        this.abandonIfPartTwoClosed();
        return;
      }
      case 'error':
        if (SUBMIT_REFUSALS.has(message.code)) {
          this.host.refuseSubmit(message.message);
        } else {
          this.errorNotice = message.message;
          this.host.update({ notice: message.message });
        }
        return;
      case 'time.sync':
        return;
      case 'device.challenge':
        // Answered by ExamConnection, which holds the device key; it never reaches here.
        return;
    }
  }

  /** An acknowledgement: the server now holds something of this attempt. */
  private stored(): void {
    if (!this.host.state().savedAny) this.host.update({ savedAny: true });
  }

  /** Takes away a notice that came from a server error, and only such a notice. */
  clearErrorNotice(): void {
    if (this.errorNotice !== undefined && this.host.state().notice === this.errorNotice) {
      this.host.update({ notice: undefined });
    }
    this.errorNotice = undefined;
  }

  private onWelcome(
    message: Extract<ServerMessage, { type: 'welcome' }>,
    receivedAt: number,
  ): void {
    const { host } = this;
    host.connection.markWelcomed();
    this.clearErrorNotice();
    const { attempt } = message;
    const state = host.state();
    host.update({
      connection: 'open',
      loaded: true,
      attemptId: attempt.attemptId,
      sittingName: attempt.sittingName,
      admitted: attempt.admitted,
      roomPaused: attempt.roomPaused,
      parts: attempt.parts,
      questions: attempt.questions,
      partTwo: attempt.partTwo,
      partTwoProblem: attempt.partTwoProblem,
      display: attempt.display,
      savedAny: holdsWork(attempt),
      lastSavedAt: state.pendingCount === 0 ? receivedAt : state.lastSavedAt,
    });
    host.syncs().onWelcome(attempt);
    this.abandonIfPartTwoClosed();
    for (const paste of host.takePastes()) host.connection.send(paste);
    host.refresh();
  }

  /**
   * Once Part Two is closed the server stores nothing more, and its socket takes no draft-sized
   * frame: what is still unacknowledged is dropped, and the candidate told, rather than shown as
   * "waiting to save" forever.
   */
  private abandonIfPartTwoClosed(): void {
    const status = this.host.state().parts.find((p) => p.part === 2)?.status;
    if (status !== 'submitted' && status !== 'expired' && status !== 'ended') return;
    const { drafts, choice } = this.host.syncs();
    // Text written before time ran out is not dropped: it goes, and the server holds it.
    const expired = status === 'expired';
    const dropped = expired ? [] : drafts.abandon();
    if (expired) {
      void drafts.flush();
      choice.replay();
    }
    const choiceDropped = !expired && choice.abandon();
    const notice = unsavedAtCloseNotice(dropped, choiceDropped);
    if (!notice) return;
    this.host.notSaved(dropped.length + (choiceDropped ? 1 : 0), notice);
    this.host.refresh();
  }

  private setPart(clock: PartClock): void {
    const { parts } = this.host.state();
    this.host.update({
      parts: parts.some((p) => p.part === clock.part)
        ? parts.map((p) => (p.part === clock.part ? clock : p))
        : [...parts, clock],
    });
  }
}
