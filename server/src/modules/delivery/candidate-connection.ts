import type { WebSocket } from 'ws';
import {
  closeCodes,
  DRAFT_MAX_FRAME_BYTES,
  PART_ONE_MAX_FRAME_BYTES,
  parseClientMessage,
  PROTOCOL_VERSION,
  type ClientMessage,
  type ServerMessage,
} from '@exam/shared/protocol';
import type { CurrentUser } from '@exam/shared/api';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import { FrameBudget } from '../../ws/frame-budget.js';
import type { AttemptContext } from './attempt-context.js';
import type { AttemptChange, DeliveryService } from './delivery.service.js';
import type { DraftPatcher } from './draft-patcher.js';
import { sessionKeyOf } from './monitoring.js';

type OutgoingMessage = ServerMessage extends infer M
  ? M extends ServerMessage
    ? Omit<M, 'serverTime'>
    : never
  : never;

/** A reconnecting client replays its outbox at once: this many seconds of frames pass in one burst. */
const BURST_SECONDS = 5;

export interface ConnectionHub {
  /** Registers the connection for its attempt; returns the connection it displaced, if any. */
  claim(attemptId: string, connection: CandidateConnection): CandidateConnection | undefined;
  release(attemptId: string, connection: CandidateConnection): void;
}

export interface ConnectionDeps {
  delivery: DeliveryService;
  clock: Clock;
  hub: ConnectionHub;
  /** Frames per second one connection may keep sending; over it for longer than its burst, it is cut off. */
  messagesPerSecond: number;
  log(message: string, details?: Record<string, unknown>): void;
  onTakeover(attemptId: string, candidateId: string): Promise<void>;
  /**
   * Proctoring's rule for continuing on another device (modules/proctoring/resume-gate.ts):
   * resolves to a refusal message when this session needs a resume code first, else null.
   */
  resumeGate?(attemptId: string, sessionKey: string): Promise<string | null>;
}

/**
 * One candidate's websocket. Listeners are attached synchronously in the constructor (messages
 * that arrive before the attempt is loaded wait for it instead of being dropped), and every
 * frame is size-capped, rate-limited and parsed against the shared protocol before it acts.
 */
export class CandidateConnection {
  private context: AttemptContext | undefined;
  private drafts: DraftPatcher | undefined;
  private ready: Promise<AttemptContext> | undefined;
  private readonly budget: FrameBudget;
  private closed = false;
  /** Set when a newer connection displaced this one: its close is not the candidate dropping out. */
  private takenOver = false;
  alive = true;

  constructor(
    readonly socket: WebSocket,
    readonly user: CurrentUser,
    readonly sessionToken: string | undefined,
    private readonly deps: ConnectionDeps,
  ) {
    this.budget = new FrameBudget({
      perSecond: deps.messagesPerSecond,
      burst: deps.messagesPerSecond * BURST_SECONDS,
    });
    socket.on('message', (data, isBinary) => this.onFrame(data as Buffer, isBinary));
    socket.on('pong', () => {
      this.alive = true;
    });
    socket.on('close', () => this.onClose());
  }

  get attemptId(): string | undefined {
    return this.context?.attemptId;
  }

  send(message: OutgoingMessage): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    this.socket.send(JSON.stringify({ ...message, serverTime: this.deps.clock.now().getTime() }));
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.close(code, reason.slice(0, 120));
  }

  ping(): void {
    this.socket.ping();
  }

  terminate(): void {
    this.socket.terminate();
  }

  endSession(): void {
    this.close(closeCodes.UNAUTHENTICATED, 'session ended');
  }

  /** Called when another tab or device takes this attempt over. */
  displace(): void {
    this.takenOver = true;
    this.send({
      type: 'error',
      code: 'TAKEN_OVER',
      message: 'This exam was opened in another tab or on another device.',
    });
    this.close(closeCodes.TAKEN_OVER, 'taken over');
  }

  onChange(change: AttemptChange): void {
    switch (change.kind) {
      case 'clock':
        this.send({ type: 'clock.update', clock: change.clock, reason: change.reason });
        return;
      case 'closed':
        this.send({
          type: 'part.closed',
          part: change.part,
          status: change.status,
          reason: change.reason,
        });
        return;
      case 'refresh':
        // The welcome may carry versions stored from elsewhere: patches start again from it.
        this.drafts?.reset();
        this.sendWelcome().catch((error: unknown) => this.reportError(error));
        return;
    }
  }

  private async sendWelcome(): Promise<void> {
    if (!this.context) return;
    const attempt = await this.deps.delivery.snapshot(this.context);
    this.send({ type: 'welcome', protocolVersion: PROTOCOL_VERSION, attempt });
  }

  /** Answer frames are tiny; only while Part Two runs may a frame carry a whole essay. */
  private frameCap(): number {
    const partTwo = this.context?.parts.get(2)?.row;
    // An expired Part Two still takes whole drafts: made before 0:00, they are held, not lost.
    const draftsOpen =
      partTwo?.startedAt && (!partTwo.closedAt || partTwo.closedStatus === 'expired');
    return draftsOpen ? DRAFT_MAX_FRAME_BYTES : PART_ONE_MAX_FRAME_BYTES;
  }

  private onFrame(data: Buffer, isBinary: boolean): void {
    // A closed (displaced, refused) connection acts on nothing still in flight.
    if (this.closed) return;
    if (isBinary || data.length > this.frameCap()) {
      this.send({
        type: 'error',
        code: 'PAYLOAD_TOO_LARGE',
        message: 'Message too large to be saved.',
      });
      this.close(closeCodes.MESSAGE_TOO_BIG, 'message too large');
      return;
    }
    if (!this.budget.take()) {
      this.send({
        type: 'error',
        code: 'RATE_LIMITED',
        message: 'Too many messages; reconnecting.',
      });
      this.close(closeCodes.RATE_LIMITED, 'rate limited');
      return;
    }
    this.onMessage(data.toString('utf8'));
  }

  private onMessage(raw: string): void {
    const parsed = parseClientMessage(raw);
    if (!parsed.ok) {
      this.send({ type: 'error', code: 'BAD_MESSAGE', message: parsed.problem });
      return;
    }
    this.dispatch(parsed.message).catch((error: unknown) => this.reportError(error));
  }

  private async dispatch(message: ClientMessage): Promise<void> {
    if (message.type === 'time.sync') {
      this.send({ type: 'time.sync', clientSentAt: message.clientSentAt });
      return;
    }
    if (message.type === 'hello') {
      if (this.ready)
        throw new AppError('BAD_MESSAGE', 'hello was already sent on this connection.');
      if (message.protocolVersion !== PROTOCOL_VERSION) {
        this.send({
          type: 'error',
          code: 'PROTOCOL_VERSION',
          message: 'This page is out of date; reload it.',
        });
        this.close(closeCodes.UPGRADE_REQUIRED, 'protocol version');
        return;
      }
      this.ready = this.open();
      await this.ready;
      return;
    }
    if (!this.ready) throw new AppError('BAD_MESSAGE', 'Send hello first.');
    const context = await this.ready;
    switch (message.type) {
      case 'answer.save': {
        const result = await this.deps.delivery.save(context, message);
        if (result.ok) this.send({ type: 'answer.ack', seq: message.seq });
        else if (result.held)
          this.send({
            type: 'answer.held',
            seq: message.seq,
            code: result.code,
            message: result.message,
          });
        else
          this.send({
            type: 'answer.rejected',
            seq: message.seq,
            code: result.code,
            message: result.message,
          });
        return;
      }
      case 'part.start': {
        const clock = await this.deps.delivery.startPart(context, message.part, this.user.id);
        this.send({ type: 'clock.update', clock, reason: 'started' });
        return;
      }
      case 'part.submit':
        await this.deps.delivery.submitPart(context, message.part, this.user.id);
        return;
      case 'draft.save':
      case 'draft.patch': {
        const { vignette, revision } = message;
        this.drafts ??= this.deps.delivery.draftsFor(context);
        const result =
          message.type === 'draft.save'
            ? await this.drafts.save(message)
            : await this.drafts.patch(message);
        if (result.ok) this.send({ type: 'draft.ack', vignette, revision });
        else if (result.held)
          this.send({
            type: 'draft.held',
            vignette,
            revision,
            code: result.code,
            message: result.message,
          });
        else
          this.send({
            type: 'draft.rejected',
            vignette,
            revision,
            code: result.code,
            message: result.message,
          });
        return;
      }
      case 'choice.set': {
        const result = await this.deps.delivery.setChoice(context, message);
        if (result.ok) this.send({ type: 'choice.ack', revision: message.revision });
        else if (result.held)
          this.send({
            type: 'choice.held',
            revision: message.revision,
            code: result.code,
            message: result.message,
          });
        else
          this.send({
            type: 'choice.rejected',
            revision: message.revision,
            code: result.code,
            message: result.message,
          });
        return;
      }
      case 'paste.record':
        await this.deps.delivery.partTwo.recordPaste(context, message);
        return;
    }
  }

  private async open(): Promise<AttemptContext> {
    const context = await this.deps.delivery.openForCandidate(this.user.id);
    if (this.closed) return context;
    const sessionKey = sessionKeyOf(this.sessionToken);
    const refusal = await this.deps.resumeGate?.(context.attemptId, sessionKey);
    // Thrown, not returned: messages queued behind hello must never reach a refused attempt.
    if (refusal) throw new AppError('RESUME_CODE_REQUIRED', refusal, 428);
    if (this.closed) return context;
    this.context = context;
    const displaced = this.deps.hub.claim(context.attemptId, this);
    if (displaced) {
      displaced.displace();
      await this.deps.onTakeover(context.attemptId, this.user.id);
    }
    await this.deps.delivery.recordConnectionEvent(context.attemptId, 'connect', {
      takeover: Boolean(displaced),
      session: sessionKey,
    });
    await this.sendWelcome();
    return context;
  }

  private reportError(error: unknown): void {
    if (error instanceof AppError && error.status < 500) {
      this.send({ type: 'error', code: String(error.code), message: error.message });
      if (error.code === 'NO_OPEN_SITTING' || error.code === 'FORM_MISSING') {
        this.close(closeCodes.NOT_FOUND, error.code);
      }
      if (error.code === 'RESUME_CODE_REQUIRED') {
        this.close(closeCodes.RESUME_CODE_REQUIRED, error.code);
      }
      return;
    }
    this.deps.log('websocket message failed', {
      error: error instanceof Error ? error.message : String(error),
    });
    this.send({
      type: 'error',
      code: 'SERVER_ERROR',
      message: 'The server could not handle that; it will be retried.',
    });
    // Closing makes the client reconnect and replay whatever was not acknowledged.
    this.close(closeCodes.SERVER_ERROR, 'server error');
  }

  private onClose(): void {
    this.closed = true;
    this.drafts?.close();
    const attemptId = this.context?.attemptId;
    if (!attemptId) return;
    this.deps.hub.release(attemptId, this);
    this.deps.delivery
      .recordConnectionEvent(attemptId, 'disconnect', this.takenOver ? { takenOver: true } : {})
      .catch(() => undefined);
  }
}
