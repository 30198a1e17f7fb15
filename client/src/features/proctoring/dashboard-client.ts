import {
  closeCodes,
  parseProctorServerMessage,
  PROCTOR_PROTOCOL_VERSION,
  type Incident,
  type ProctorAlert,
  type ProctorCandidate,
  type ProctorRoomPause,
  type ProctorServerMessage,
  type ProctorSitting,
} from '@exam/shared/protocol';
import type { SocketLike } from '../exam';

export type DashboardConnection = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** What the dashboard renders; the dashboard client is its only writer. */
export interface DashboardState {
  connection: DashboardConnection;
  /** Set when reconnecting cannot help (signed out, not allowed, page out of date). */
  finalProblem: string | undefined;
  sitting: ProctorSitting | null;
  /** In roster order (by name). */
  candidates: ProctorCandidate[];
  /** Newest first. */
  alerts: ProctorAlert[];
  /** Newest first. */
  incidents: Incident[];
  /** The whole room's pause in force, as the server last said; null while not paused. */
  roomPause: ProctorRoomPause | null;
  /** Server time minus this computer's time. */
  skewMs: number;
  /**
   * Moves on every check-in change the server announces, and on every snapshot (a reconnect may
   * have missed some): the check-in panel rereads when it moves.
   */
  checkInRevision: number;
}

export const initialDashboardState: DashboardState = {
  connection: 'connecting',
  finalProblem: undefined,
  sitting: null,
  candidates: [],
  alerts: [],
  incidents: [],
  roomPause: null,
  skewMs: 0,
  checkInRevision: 0,
};

const OPEN = 1;
const MAX_BACKOFF_MS = 15_000;
/** After a 1012 (service restart), reconnect within this much, spread across the room. */
const RESTART_RECONNECT_SPREAD_MS = 250;
const MAX_ALERTS = 50;

const finalProblems: Record<number, string> = {
  [closeCodes.UNAUTHENTICATED]: 'Your session has ended. Sign in again to watch this sitting.',
  [closeCodes.FORBIDDEN]: 'You may not watch this sitting.',
  [closeCodes.UPGRADE_REQUIRED]: 'This page is out of date. Reload it.',
  // Not retried: two tabs would otherwise take the dashboard from each other in turn.
  [closeCodes.TAKEN_OVER]:
    'This dashboard was opened in more tabs than allowed. Reload it to watch here.',
};

/**
 * One sitting's live dashboard: a snapshot on every (re)connect, then each change pushed by
 * the server. Reconnects with backoff and jitter; measures clock skew on every message so time
 * left is shown as `deadline - (now + skew)`.
 */
export class DashboardClient {
  private state: DashboardState = initialDashboardState;
  private readonly listeners = new Set<() => void>();
  private socket: SocketLike | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private attempts = 0;
  private disposed = false;
  private rttMs = 0;

  constructor(
    private readonly options: {
      url: string;
      createSocket?: (url: string) => SocketLike;
      now?: () => number;
    },
  ) {}

  getState = (): DashboardState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  start(): void {
    this.disposed = false;
    this.connect();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    const socket = this.socket;
    this.socket = undefined;
    socket?.close(1000, 'page closed');
  }

  /** A row the server returned for an action: shown at once; the push confirms it. */
  applyCandidate(candidate: ProctorCandidate): void {
    this.update({
      candidates: this.state.candidates.map((c) =>
        c.enrolmentId === candidate.enrolmentId ? candidate : c,
      ),
    });
  }

  /**
   * Marks alerts dealt with. The server stores it and tells every dashboard of the sitting;
   * this one shows it at once, and a snapshot after a reconnect says what was stored.
   */
  acknowledge(alertIds: string[]): void {
    if (alertIds.length === 0 || this.socket?.readyState !== OPEN) return;
    for (let i = 0; i < alertIds.length; i += 40)
      this.socket.send(
        JSON.stringify({ type: 'alert.acknowledge', alertIds: alertIds.slice(i, i + 40) }),
      );
    this.markAcknowledged(alertIds);
  }

  private markAcknowledged(alertIds: readonly string[]): void {
    const ids = new Set(alertIds);
    this.update({
      alerts: this.state.alerts.map((a) => (ids.has(a.id) ? { ...a, acknowledged: true } : a)),
    });
  }

  /** Online again, or the tab became visible: re-measure, or reconnect a dead socket now. */
  wake(): void {
    if (this.socket?.readyState === OPEN) {
      this.socket.send(JSON.stringify({ type: 'time.sync', clientSentAt: this.now() }));
      return;
    }
    if (this.disposed || this.state.finalProblem) return;
    clearTimeout(this.timer);
    this.attempts = 0;
    this.connect();
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private connect(): void {
    if (this.disposed || this.state.finalProblem) return;
    const create =
      this.options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
    const socket = create(this.options.url);
    this.socket = socket;
    socket.onopen = () => {
      socket.send(JSON.stringify({ type: 'hello', protocolVersion: PROCTOR_PROTOCOL_VERSION }));
      socket.send(JSON.stringify({ type: 'time.sync', clientSentAt: this.now() }));
    };
    socket.onmessage = (event) => {
      if (socket !== this.socket || typeof event.data !== 'string') return;
      const message = parseProctorServerMessage(event.data);
      if (message) this.onMessage(message);
    };
    socket.onclose = (event) => {
      if (socket !== this.socket || this.disposed) return;
      const problem = finalProblems[event.code];
      if (problem) {
        this.update({ connection: 'closed', finalProblem: problem });
        return;
      }
      this.update({ connection: 'reconnecting' });
      // 1012: this server instance is restarting and another one is serving already.
      if (event.code === closeCodes.SERVICE_RESTART) {
        this.attempts = 0;
        this.timer = setTimeout(() => this.connect(), Math.random() * RESTART_RECONNECT_SPREAD_MS);
        return;
      }
      this.attempts += 1;
      const backoff = Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(this.attempts, 5));
      this.timer = setTimeout(() => this.connect(), backoff * (0.5 + Math.random() / 2));
    };
  }

  private onMessage(message: ProctorServerMessage): void {
    const receivedAt = this.now();
    if (message.type === 'time.sync') this.rttMs = Math.max(0, receivedAt - message.clientSentAt);
    const skewMs = message.serverTime + this.rttMs / 2 - receivedAt;
    switch (message.type) {
      case 'dashboard.snapshot':
        this.attempts = 0;
        this.update({
          connection: 'open',
          sitting: message.sitting,
          candidates: message.candidates,
          alerts: message.alerts,
          incidents: message.incidents,
          roomPause: message.roomPause,
          skewMs,
          checkInRevision: this.state.checkInRevision + 1,
        });
        return;
      case 'candidate.update':
        this.applyCandidate(message.candidate);
        this.update({ skewMs });
        return;
      case 'alert.raised':
        // A disconnect's line comes again, same id, when the candidate is back: replace it.
        if (this.state.alerts.some((a) => a.id === message.alert.id)) {
          this.update({
            alerts: this.state.alerts.map((a) =>
              a.id === message.alert.id
                ? { ...message.alert, acknowledged: a.acknowledged || message.alert.acknowledged }
                : a,
            ),
            skewMs,
          });
          return;
        }
        this.update({ alerts: [message.alert, ...this.state.alerts].slice(0, MAX_ALERTS), skewMs });
        return;
      case 'alert.acknowledged':
        this.markAcknowledged(message.alertIds);
        this.update({ skewMs });
        return;
      case 'incident.recorded':
        // Sent again when a later action links to the incident: replace it where it stands.
        this.update({
          incidents: this.state.incidents.some((i) => i.id === message.incident.id)
            ? this.state.incidents.map((i) => (i.id === message.incident.id ? message.incident : i))
            : [message.incident, ...this.state.incidents],
          skewMs,
        });
        return;
      case 'room.changed':
        this.update({ roomPause: message.roomPause, skewMs });
        return;
      case 'check-in.changed':
        this.update({ checkInRevision: this.state.checkInRevision + 1, skewMs });
        return;
      case 'time.sync':
        this.update({ skewMs });
        return;
      case 'error':
        return;
    }
  }

  private update(patch: Partial<DashboardState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}
