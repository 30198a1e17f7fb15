import type { WebSocket } from 'ws';
import {
  closeCodes,
  parseProctorClientMessage,
  PROCTOR_MAX_FRAME_BYTES,
  PROCTOR_PROTOCOL_VERSION,
  type ProctorClientMessage,
  type ProctorServerMessage,
} from '@exam/shared/protocol';
import type { CurrentUser } from '@exam/shared/api';
import type { Clock } from '../../lib/clock.js';
import type { HandlerMap } from '../../ws/dispatch.js';
import { SocketConnection, type Outgoing } from '../../ws/socket-connection.js';
import type { RegisteredSocket, SocketRegistry } from '../../ws/socket-registry.js';
import { sessionIdFromToken } from '../auth/index.js';
import type { ProctoredSitting } from '../sittings/index.js';
import type { DashboardFeed, FeedEvent } from './dashboard-feed.js';

const MESSAGES_PER_SECOND = 10;
const BURST_FRAMES = 30;

export interface DashboardDeps {
  feed: Pick<DashboardFeed, 'snapshot' | 'candidateRow' | 'acknowledge'>;
  clock: Clock;
  /** The proctor socket's handler map (proctor.ws.ts). */
  handlers: HandlerMap<ProctorClientMessage, DashboardSocket>;
  sockets: Pick<SocketRegistry<never, FeedEvent>, 'joinSitting'>;
  /**
   * Whether the session behind `sessionToken` may watch the sitting now, with its roles and
   * assignments as they are now, not as they were at the upgrade.
   */
  mayWatch(sessionToken: string | undefined, sittingId: string): Promise<boolean>;
  log(message: string, details?: Record<string, unknown>): void;
}

/**
 * One proctor's live dashboard of one sitting. After `hello` it joins the sitting's audience in
 * the registry, sends a snapshot, then every change as it happens. The transport (frame cap,
 * rate limit, parse, dispatch) is a SocketConnection; the handlers are the map in proctor.ws.ts.
 */
export class DashboardSocket implements RegisteredSocket<never, FeedEvent> {
  readonly kind = 'proctor';
  readonly sessionId: string;
  readonly transport: SocketConnection<ProctorClientMessage, ProctorServerMessage, DashboardSocket>;
  private started = false;
  /**
   * Events that arrive while the snapshot is built wait for it (the dashboard would replace
   * them with the snapshot); changed rows are re-read, never sent stale.
   */
  private buffered: FeedEvent[] | undefined;

  constructor(
    socket: WebSocket,
    readonly user: CurrentUser,
    sessionToken: string | undefined,
    /** The sitting the upgrade was authorised for; absent, hello starts nothing. */
    private readonly sitting: ProctoredSitting | undefined,
    private readonly deps: DashboardDeps,
  ) {
    this.sessionId = sessionIdFromToken(sessionToken ?? '');
    this.transport = new SocketConnection<
      ProctorClientMessage,
      ProctorServerMessage,
      DashboardSocket
    >(socket, sessionToken, {
      clock: deps.clock,
      parse: parseProctorClientMessage,
      handlers: deps.handlers,
      context: this,
      frameCap: () => PROCTOR_MAX_FRAME_BYTES,
      rate: { perSecond: MESSAGES_PER_SECOND, burst: BURST_FRAMES },
      explainRefusals: false,
      onError: (error) => this.fail(error),
      // The registry forgets the socket and, with the last one, the sitting's feed.
      onClose: () => undefined,
      // A proctor unassigned from the sitting, or whose role was taken away, stops watching.
      mayStay: () =>
        this.sitting ? deps.mayWatch(sessionToken, this.sitting.id) : Promise.resolve(true),
    });
  }

  get userId(): string {
    return this.user.id;
  }

  send(message: Outgoing<ProctorServerMessage>): void {
    this.transport.send(message);
  }

  /** A newer dashboard of the same sign-in over the cap: this one gives way without a message. */
  displace(): void {
    this.transport.close(closeCodes.TAKEN_OVER, 'opened in another tab');
  }

  onSittingEvent(event: FeedEvent): void {
    if (this.buffered) {
      this.buffered.push(event);
      return;
    }
    if (event.kind === 'candidate')
      this.send({ type: 'candidate.update', candidate: event.candidate });
    else if (event.kind === 'alert') this.send({ type: 'alert.raised', alert: event.alert });
    else if (event.kind === 'acknowledged')
      this.send({ type: 'alert.acknowledged', alertIds: event.alertIds });
    else if (event.kind === 'check-in')
      this.send({ type: 'check-in.changed', enrolmentId: event.enrolmentId });
    else if (event.kind === 'room') this.send({ type: 'room.changed', roomPause: event.roomPause });
    else this.send({ type: 'incident.recorded', incident: event.incident });
  }

  /** `alert.acknowledge`: for the sitting this dashboard watches, and only after hello. */
  acknowledge(alertIds: string[]): Promise<void> | undefined {
    if (!this.sitting || !this.started) return undefined;
    return this.deps.feed.acknowledge(this.sitting.id, alertIds, this.user.id);
  }

  /** `hello`: checks the protocol version, then starts the feed once per socket. */
  hello(protocolVersion: number): Promise<void> | undefined {
    if (protocolVersion !== PROCTOR_PROTOCOL_VERSION) {
      this.send({
        type: 'error',
        code: 'PROTOCOL_VERSION',
        message: 'This page is out of date; reload it.',
      });
      this.transport.close(closeCodes.UPGRADE_REQUIRED, 'protocol version');
      return undefined;
    }
    if (!this.sitting || this.started) return undefined;
    this.started = true;
    return this.start(this.sitting);
  }

  private async start(sitting: ProctoredSitting): Promise<void> {
    // The upgrade was authorised, but access may have changed since: the snapshot names people.
    if (!(await this.deps.mayWatch(this.transport.sessionToken, sitting.id))) {
      this.transport.close(closeCodes.FORBIDDEN, 'no longer allowed');
      return;
    }
    this.buffered = [];
    this.deps.sockets.joinSitting(sitting.id, this);
    const snapshot = await this.deps.feed.snapshot(sitting);
    this.send({
      type: 'dashboard.snapshot',
      protocolVersion: PROCTOR_PROTOCOL_VERSION,
      ...snapshot,
    });
    const waiting = this.buffered;
    this.buffered = undefined;
    const changed = new Set<string>();
    for (const event of waiting) {
      if (event.kind === 'candidate') changed.add(event.candidate.enrolmentId);
      else this.onSittingEvent(event);
    }
    for (const enrolmentId of changed) {
      const candidate = await this.deps.feed.candidateRow(enrolmentId);
      if (candidate) this.send({ type: 'candidate.update', candidate });
    }
  }

  private fail(error: unknown): void {
    this.deps.log('proctor snapshot failed', { error: String(error) });
    this.send({
      type: 'error',
      code: 'SERVER_ERROR',
      message: 'The dashboard could not load; reconnecting.',
    });
    this.transport.close(closeCodes.SERVER_ERROR, 'server error');
  }
}
