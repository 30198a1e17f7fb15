import {
  closeCodes,
  finalCloseCodes,
  parseServerMessage,
  PROTOCOL_VERSION,
  type ServerMessage,
} from '@exam/shared/protocol';
import type { DeviceSigner } from './device-key';
import type { ConnectionStatus } from './exam-state';

/** The slice of the browser's WebSocket the client uses, so tests can hand in a fake. */
export interface SocketLike {
  readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
}

export interface ExamConnectionOptions {
  url: string;
  createSocket?: (url: string) => SocketLike;
  now: () => number;
  /** The highest sequence number the server is known to have stored, sent in hello. */
  lastAckedSeq(): number;
  onMessage(message: ServerMessage): void;
  /**
   * This browser's device key (device-key.ts): named in hello and proved on the server's
   * challenge, so signing in again on this device continues without a resume code. Absent or
   * null, hello names no device and another sign-in needs the proctor's code.
   */
  device?: () => Promise<DeviceSigner | null>;
  /** `closeCode` comes with a final problem, so the screen can offer the way out (a resume code). */
  onStatus(connection: ConnectionStatus, finalProblem?: string, closeCode?: number): void;
}

const OPEN = 1;
const HELLO_TIMEOUT_MS = 10_000;
const MAX_BACKOFF_MS = 15_000;
/**
 * After a 1012 (the server restarting) the next instance is up already: reconnect within this
 * much, spread so a whole room does not land on it in the same millisecond.
 */
const RESTART_RECONNECT_SPREAD_MS = 250;

const finalProblems: Record<number, string> = {
  [closeCodes.TAKEN_OVER]:
    'This exam was opened in another tab or on another device. Continue there, or reload this page to continue here.',
  [closeCodes.UNAUTHENTICATED]:
    'Your session has ended. Sign in again to continue; your answers on this device are kept.',
  [closeCodes.FORBIDDEN]: 'This account cannot sit an exam.',
  [closeCodes.NOT_FOUND]: 'You are not enrolled in a sitting that is open now.',
  [closeCodes.UPGRADE_REQUIRED]:
    'This page is out of date. Reload it to continue; your answers on this device are kept.',
  [closeCodes.RESUME_CODE_REQUIRED]:
    'Your exam is open on another device. Ask the proctor for a resume code to continue on this one.',
};

/**
 * The exam socket's life: hello on open, a welcome expected within a timeout, reconnection with
 * backoff and jitter, and a stop (with the reason) on close codes that retrying cannot fix.
 */
export class ExamConnection {
  /** True between the server's welcome and the socket closing; saves are sent only then. */
  welcomed = false;
  /** Grows with every socket, so "sent once per connection" can be tracked by callers. */
  generation = 0;
  private socket: SocketLike | undefined;
  private attempts = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  private finished = false;
  private offline = false;

  constructor(private readonly options: ExamConnectionOptions) {}

  open(): void {
    this.disposed = false;
    this.connect();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    const socket = this.socket;
    this.socket = undefined;
    this.welcomed = false;
    socket?.close(1000, 'page closed');
  }

  /** Connects again after a final close, once its cause is fixed (a resume code was redeemed). */
  retry(): void {
    if (this.disposed) return;
    this.finished = false;
    this.reconnectNow();
  }

  /** Called on the server's welcome: the connection is usable and the backoff starts over. */
  markWelcomed(): void {
    clearTimeout(this.timer);
    this.welcomed = true;
    this.attempts = 0;
    this.offline = false;
  }

  /** Sends when the socket is open; false when it is not (the caller keeps the message). */
  send(message: object | string): boolean {
    if (this.socket?.readyState !== OPEN) return false;
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
    return true;
  }

  /** Browser events: offline closes the socket at once, online reconnects at once. */
  networkChanged(online: boolean): void {
    if (!online) {
      this.offline = true;
      this.options.onStatus('offline');
      this.socket?.close(1000, 'offline');
      return;
    }
    this.offline = false;
    this.reconnectNow();
  }

  /** A visible tab re-measures the clock on a live socket, or reconnects a dead one. */
  pageVisible(): void {
    if (this.socket?.readyState === OPEN && this.welcomed)
      this.send({ type: 'time.sync', clientSentAt: this.options.now() });
    else this.reconnectNow();
  }

  private reconnectNow(): void {
    if (this.disposed || this.finished) return;
    if (this.socket && this.socket.readyState <= OPEN) return;
    clearTimeout(this.timer);
    this.attempts = 0;
    this.connect();
  }

  private connect(): void {
    if (this.disposed || this.finished) return;
    this.welcomed = false;
    this.generation += 1;
    const socket = (
      this.options.createSocket ?? ((url) => new WebSocket(url) as unknown as SocketLike)
    )(this.options.url);
    this.socket = socket;
    // Asked for before the socket opens, so hello waits on it as little as possible.
    const device = this.options.device?.() ?? Promise.resolve(null);
    const hello = (signer: DeviceSigner | null) => {
      if (socket !== this.socket || socket.readyState !== OPEN) return;
      socket.send(
        JSON.stringify({
          type: 'hello',
          protocolVersion: PROTOCOL_VERSION,
          lastAckedSeq: this.options.lastAckedSeq(),
          ...(signer ? { device: { publicKey: signer.publicKey } } : {}),
        }),
      );
      socket.send(JSON.stringify({ type: 'time.sync', clientSentAt: this.options.now() }));
    };
    socket.onopen = () => {
      // A socket that opens but never welcomes us is as good as closed.
      this.timer = setTimeout(
        () => !this.welcomed && socket.close(4000, 'no welcome'),
        HELLO_TIMEOUT_MS,
      );
      // Without a device key to name, hello goes at once, as it always has.
      if (this.options.device) void device.then(hello);
      else hello(null);
    };
    socket.onmessage = (event) => {
      if (socket !== this.socket || typeof event.data !== 'string') return;
      const message = parseServerMessage(event.data);
      if (message?.type === 'device.challenge') this.answerChallenge(socket, device, message.nonce);
      else if (message) this.options.onMessage(message);
    };
    socket.onclose = (event) => this.onClose(socket, event.code);
  }

  /** Signs the server's nonce with this device's key; the server opens the attempt after it. */
  private answerChallenge(
    socket: SocketLike,
    device: Promise<DeviceSigner | null>,
    nonce: string,
  ): void {
    void device
      .then((signer) => signer?.sign(nonce))
      .then((signature) => {
        if (signature && socket === this.socket && socket.readyState === OPEN) {
          socket.send(JSON.stringify({ type: 'device.prove', signature }));
        }
      })
      // A failed signature proves nothing: the server's gate decides as for any other device.
      .catch(() => undefined);
  }

  private onClose(socket: SocketLike, code: number): void {
    if (socket !== this.socket) return;
    clearTimeout(this.timer);
    this.welcomed = false;
    if (this.disposed) return;
    if (code === closeCodes.SERVICE_RESTART) {
      // A planned restart (a deploy): everything acknowledged is stored and another instance
      // takes over, so the status is left as it was and nothing alarming is shown. If this
      // reconnect fails, that close is reported as usual.
      this.attempts = 0;
      this.timer = setTimeout(() => this.connect(), Math.random() * RESTART_RECONNECT_SPREAD_MS);
      return;
    }
    if (finalCloseCodes.includes(code)) {
      this.finished = true;
      this.options.onStatus(
        'closed',
        finalProblems[code] ?? 'The exam connection was closed.',
        code,
      );
      return;
    }
    this.options.onStatus(this.offline ? 'offline' : 'reconnecting');
    this.attempts += 1;
    const backoff = Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(this.attempts, 5));
    this.timer = setTimeout(() => this.connect(), backoff * (0.5 + Math.random() / 2));
  }
}
