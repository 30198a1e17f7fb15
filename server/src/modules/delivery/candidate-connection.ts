import type { WebSocket } from 'ws';
import {
  closeCodes,
  DRAFT_MAX_FRAME_BYTES,
  PART_ONE_MAX_FRAME_BYTES,
  parseClientMessage,
  PROTOCOL_VERSION,
  type ClientMessage,
  type DeviceClaim,
  type Question,
  type ServerMessage,
} from '@exam/shared/protocol';
import type { CurrentUser } from '@exam/shared/api';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { HandlerMap } from '../../ws/dispatch.js';
import { SocketConnection, type Outgoing } from '../../ws/socket-connection.js';
import type { RegisteredSocket, SocketRegistry } from '../../ws/socket-registry.js';
import { sessionIdFromToken } from '../auth/index.js';
import type { CandidateSeat } from '../sittings/index.js';
import type { AttemptContext } from './attempt-context.js';
import { candidateReason } from './candidate-reasons.js';
import type { AttemptChange, DeliveryService } from './delivery.service.js';
import { DeviceChallenge, type DeviceKeys } from './device-proof.js';
import type { DraftPatcher } from './draft-patcher.js';
import { sessionKeyOf } from './monitoring.js';

/** A reconnecting client replays its outbox at once: this many seconds of frames pass in one burst. */
const BURST_SECONDS = 5;

export interface ConnectionDeps {
  delivery: DeliveryService;
  clock: Clock;
  /** The exam socket's handler map (delivery.ws.ts). */
  handlers: HandlerMap<ClientMessage, CandidateConnection>;
  sockets: Pick<SocketRegistry<AttemptChange, never>, 'claimAttempt'>;
  /** Frames per second one connection may keep sending; over it for longer than its burst, it is cut off. */
  messagesPerSecond: number;
  log(message: string, details?: Record<string, unknown>): void;
  onTakeover(attemptId: string, candidateId: string): Promise<void>;
  /**
   * Proctoring's rule for continuing on another device (modules/proctoring/resume-gate.ts):
   * resolves to a refusal message when this session needs a resume code first, else null.
   */
  resumeGate?(attemptId: string, sessionKey: string): Promise<string | null>;
  /** The attempt's registered device key: a device that proves it passes the gate. */
  devices: DeviceKeys;
}

/**
 * One candidate's exam socket: the attempt it is bound to and what happens on hello, takeover,
 * change and close. The transport (frame cap, rate limit, parse, dispatch) is a
 * SocketConnection; the handlers are the map in delivery.ws.ts. Messages that arrive before the
 * attempt is loaded wait for it (`attempt()`) instead of being dropped.
 */
export class CandidateConnection implements RegisteredSocket<AttemptChange, never> {
  readonly kind = 'exam';
  readonly sessionId: string;
  readonly transport: SocketConnection<ClientMessage, ServerMessage, CandidateConnection>;
  private context: AttemptContext | undefined;
  private drafts: DraftPatcher | undefined;
  private ready: Promise<AttemptContext> | undefined;
  /** Set when a newer connection displaced this one: its close is not the candidate dropping out. */
  private takenOver = false;
  /** The challenge sent after a hello that named a device key, until it is answered. */
  private challenge: DeviceChallenge | undefined;

  /**
   * `upgradeId`: the id of the upgrade request this socket came from, under which its Safe Exam
   * Browser check may have kept the candidate's seat for hello (seats.ts openSeatFor).
   */
  constructor(
    socket: WebSocket,
    readonly user: CurrentUser,
    readonly sessionToken: string | undefined,
    private readonly deps: ConnectionDeps,
    private readonly upgradeId?: string,
  ) {
    this.sessionId = sessionIdFromToken(sessionToken ?? '');
    this.transport = new SocketConnection<ClientMessage, ServerMessage, CandidateConnection>(
      socket,
      sessionToken,
      {
        clock: deps.clock,
        parse: parseClientMessage,
        handlers: deps.handlers,
        context: this,
        frameCap: () => this.frameCap(),
        rate: { perSecond: deps.messagesPerSecond, burst: deps.messagesPerSecond * BURST_SECONDS },
        explainRefusals: true,
        onError: (error) => this.reportError(error),
        onClose: () => this.onClose(),
      },
    );
  }

  get userId(): string {
    return this.user.id;
  }

  get delivery(): DeliveryService {
    return this.deps.delivery;
  }

  send(message: Outgoing<ServerMessage>): void {
    this.transport.send(message);
  }

  /** Called when another tab or device takes this attempt over. */
  displace(): void {
    this.takenOver = true;
    this.send({
      type: 'error',
      code: 'TAKEN_OVER',
      message: 'This exam was opened in another tab or on another device.',
    });
    this.transport.close(closeCodes.TAKEN_OVER, 'taken over');
  }

  onAttemptEvent(change: AttemptChange): void {
    switch (change.kind) {
      case 'clock':
        this.send({ type: 'clock.update', clock: change.clock, reason: candidateReason(change) });
        return;
      case 'closed':
        this.send({
          type: 'part.closed',
          part: change.part,
          status: change.status,
          reason: candidateReason(change),
        });
        return;
      case 'refresh':
        // The welcome may carry versions stored from elsewhere: patches start again from it.
        this.drafts?.reset();
        this.sendWelcome().catch((error: unknown) => this.reportError(error));
        return;
    }
  }

  /** `hello`: checks the protocol version, then opens the attempt once per connection. */
  async hello(protocolVersion: number, device?: DeviceClaim): Promise<void> {
    if (this.ready) throw new AppError('BAD_MESSAGE', 'hello was already sent on this connection.');
    if (protocolVersion !== PROTOCOL_VERSION) {
      this.send({
        type: 'error',
        code: 'PROTOCOL_VERSION',
        message: 'This page is out of date; reload it.',
      });
      this.transport.close(closeCodes.UPGRADE_REQUIRED, 'protocol version');
      return;
    }
    this.ready = this.open(device);
    await this.ready;
  }

  /**
   * The attempt, once hello has opened it. Not async on purpose: every message behind hello
   * awaits the same promise, so they run in the order they arrived.
   */
  attempt(): Promise<AttemptContext> {
    if (!this.ready) throw new AppError('BAD_MESSAGE', 'Send hello first.');
    return this.ready;
  }

  /** Part Two's draft writer for this connection, made on first use. */
  draftsFor(context: AttemptContext): DraftPatcher {
    this.drafts ??= this.deps.delivery.draftsFor(context);
    return this.drafts;
  }

  /**
   * `seat`: hello's own read of the seat, a moment old; a later welcome (refresh) rereads it.
   * `created`: hello created the attempt, so it has nothing stored to read back.
   */
  private async sendWelcome(seat?: CandidateSeat, created = false): Promise<void> {
    if (!this.context) return;
    const { attempt, questionsJson } = await this.deps.delivery.welcomeFrame(
      this.context,
      seat,
      created,
    );
    // The questions go in as the form's prebuilt JSON (form-payload.ts): a slot holds their place.
    const slot = '\u0000questions';
    this.transport.sendWithJson(
      {
        type: 'welcome',
        protocolVersion: PROTOCOL_VERSION,
        attempt: { ...attempt, questions: slot as unknown as Question[] },
      },
      'questions',
      slot,
      questionsJson,
    );
  }

  /** Answer frames are tiny; only while Part Two runs may a frame carry a whole essay. */
  private frameCap(): number {
    const partTwo = this.context?.parts.get(2)?.row;
    // An expired Part Two still takes whole drafts: made before 0:00, they are held, not lost.
    const draftsOpen =
      partTwo?.startedAt && (!partTwo.closedAt || partTwo.closedStatus === 'expired');
    return draftsOpen ? DRAFT_MAX_FRAME_BYTES : PART_ONE_MAX_FRAME_BYTES;
  }

  /** `device.prove`: the answer to this connection's challenge; without one it proves nothing. */
  proveDevice(signature: string): void {
    this.challenge?.receive(signature);
  }

  /** Sends a fresh nonce for the named key to sign; resolves to the key once proven, else null. */
  private async provenDevice(device: DeviceClaim | undefined): Promise<string | null> {
    if (!device) return null;
    this.challenge = new DeviceChallenge();
    this.send({ type: 'device.challenge', nonce: this.challenge.nonce });
    const proven = await this.challenge.provenKey(device.publicKey);
    this.challenge = undefined;
    return proven;
  }

  private async open(device: DeviceClaim | undefined): Promise<AttemptContext> {
    const [{ context, seat, created }, deviceKey] = await Promise.all([
      this.deps.delivery.openWithSeat(this.user.id, this.upgradeId),
      this.provenDevice(device),
    ]);
    if (this.transport.closed) return context;
    const sessionKey = sessionKeyOf(this.sessionToken);
    // The device the attempt runs on continues after signing in again: no resume code.
    const sameDevice =
      deviceKey !== null && (await this.deps.devices.isRegistered(context.attemptId, deviceKey));
    const refusal = sameDevice ? null : await this.deps.resumeGate?.(context.attemptId, sessionKey);
    // Thrown, not returned: messages queued behind hello must never reach a refused attempt.
    if (refusal) throw new AppError('RESUME_CODE_REQUIRED', refusal, 428);
    if (this.transport.closed) return context;
    // Let in (first device, same session, or with a code): this device is the attempt's now.
    if (deviceKey && !sameDevice) await this.deps.devices.register(context.attemptId, deviceKey);
    this.context = context;
    // The registry displaces the socket that held the attempt (another tab or device).
    const displaced = this.deps.sockets.claimAttempt(context.attemptId, this);
    if (displaced) await this.deps.onTakeover(context.attemptId, this.user.id);
    await this.deps.delivery.recordConnectionEvent(context.attemptId, 'connect', {
      takeover: Boolean(displaced),
      session: sessionKey,
    });
    // Created by this hello: a takeover found it, so something may be stored by now.
    await this.sendWelcome(seat, created && !displaced);
    return context;
  }

  private reportError(error: unknown): void {
    if (error instanceof AppError && error.status < 500) {
      this.send({ type: 'error', code: error.code, message: error.message });
      if (error.code === 'NO_OPEN_SITTING' || error.code === 'FORM_MISSING') {
        this.transport.close(closeCodes.NOT_FOUND, error.code);
      }
      if (error.code === 'RESUME_CODE_REQUIRED') {
        this.transport.close(closeCodes.RESUME_CODE_REQUIRED, error.code);
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
    this.transport.close(closeCodes.SERVER_ERROR, 'server error');
  }

  /** The registry forgets the socket (delivery.ws.ts); here the attempt's ledger hears of it. */
  private onClose(): void {
    this.drafts?.close();
    const attemptId = this.context?.attemptId;
    if (!attemptId) return;
    this.deps.delivery
      .recordConnectionEvent(attemptId, 'disconnect', this.takenOver ? { takenOver: true } : {})
      .catch(() => undefined);
  }
}
