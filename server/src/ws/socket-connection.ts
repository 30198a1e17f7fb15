import type { WebSocket } from 'ws';
import { closeCodes } from '@exam/shared/protocol';
import type { Clock } from '../lib/clock.js';
import { dispatch, type HandlerMap, type ParseResult, type TypedMessage } from './dispatch.js';
import { FrameBudget } from './frame-budget.js';
import type { BeatingSocket } from './heartbeat.js';

/** A server message as handed to `send`: the transport stamps `serverTime` on every frame. */
export type Outgoing<M> = M extends unknown ? Omit<M, 'serverTime'> : never;

/** What one socket family gives the transport: its protocol, handlers, caps and hooks. */
export interface SocketOptions<In extends TypedMessage, C> {
  clock: Clock;
  /** The protocol's parser for one direction (parseClientMessage, parseProctorClientMessage). */
  parse(raw: string): ParseResult<In>;
  handlers: HandlerMap<In, C>;
  /** Passed to every handler: the socket's domain state (a candidate's attempt, a dashboard). */
  context: C;
  /** The largest frame accepted now; may change as the socket's state does (Part Two drafts). */
  frameCap(): number;
  /** Frames a second on average, with room for a burst of `burst` (see FrameBudget). */
  rate: { perSecond: number; burst: number };
  /**
   * Whether a frame refused for its size or rate is explained with an `error` message before
   * the close. The exam page shows it to the candidate; the dashboard has only ever had the
   * close code, and keeps exactly that.
   */
  explainRefusals: boolean;
  /** A handler threw or rejected. */
  onError(error: unknown): void;
  /**
   * Whether the session may still hold this socket open, asked again by the heartbeat and when
   * staff access changes (the upgrade's check alone would let a proctor removed from a sitting
   * keep watching it). Absent: the right to the socket cannot change after the upgrade.
   */
  mayStay?(): Promise<boolean>;
  /** The socket closed, from either side; runs before anything else hears of it. */
  onClose(): void;
}

/**
 * The transport half of one websocket: frame cap, rate limit, `parse -> dispatch`, `send`,
 * close-once and what the heartbeat needs. It knows no domain; the socket files give it a
 * parser and a handler map. Listeners are attached synchronously in the constructor, because
 * `@fastify/websocket` drops frames that arrive while an async route handler is still awaiting.
 */
export class SocketConnection<In extends TypedMessage, Out, C> implements BeatingSocket {
  private readonly budget: FrameBudget;
  private closedHere = false;
  /** Set by the socket's pong; cleared by the heartbeat when it pings. */
  alive = true;

  constructor(
    readonly socket: WebSocket,
    readonly sessionToken: string | undefined,
    private readonly options: SocketOptions<In, C>,
  ) {
    this.budget = new FrameBudget(options.rate);
    socket.on('message', (data, isBinary) => this.onFrame(data as Buffer, isBinary));
    socket.on('pong', () => {
      this.alive = true;
    });
    socket.on('close', () => {
      this.closedHere = true;
      options.onClose();
    });
  }

  /** True once this side closed the socket, or the socket closed. */
  get closed(): boolean {
    return this.closedHere;
  }

  send(message: Outgoing<Out>): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    this.socket.send(
      JSON.stringify({ ...message, serverTime: this.options.clock.now().getTime() }),
    );
  }

  /**
   * Sends `message` with one of its fields given as JSON text already: where the message holds
   * `"<field>":<JSON of slot>`, `json` goes in its place. A quote inside any string value is
   * escaped, so only the field itself can match. The welcome sends its form's questions this
   * way, serialized once per form (modules/delivery/form-payload.ts), not once per candidate.
   */
  sendWithJson(message: Outgoing<Out>, field: string, slot: string, json: string): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    const text = JSON.stringify({ ...message, serverTime: this.options.clock.now().getTime() });
    const marker = `${JSON.stringify(field)}:${JSON.stringify(slot)}`;
    const at = text.indexOf(marker);
    if (at < 0) throw new Error(`no ${field} slot in the message`);
    const value = `${JSON.stringify(field)}:${json}`;
    this.socket.send(`${text.slice(0, at)}${value}${text.slice(at + marker.length)}`);
  }

  /** Closes once; a later close (a refusal racing a takeover) changes nothing. */
  close(code: number, reason: string): void {
    if (this.closedHere) return;
    this.closedHere = true;
    // The close reason is limited to 123 bytes by the protocol.
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

  /** Closes with FORBIDDEN when the session may no longer hold the socket; an error keeps it. */
  recheck(): void {
    const { mayStay } = this.options;
    if (!mayStay || this.closedHere) return;
    mayStay().then(
      (allowed) => {
        if (!allowed) this.close(closeCodes.FORBIDDEN, 'no longer allowed');
      },
      // PostgreSQL unreachable: keep the socket; the next beat asks again.
      () => undefined,
    );
  }

  /** Both protocols share the error message's shape; the transport sends its own refusals. */
  sendError(code: string, message: string): void {
    this.send({ type: 'error', code, message } as unknown as Outgoing<Out>);
  }

  private onFrame(data: Buffer, isBinary: boolean): void {
    // A closed (displaced, refused) socket acts on nothing still in flight.
    if (this.closedHere || this.socket.readyState !== this.socket.OPEN) return;
    if (isBinary || data.length > this.options.frameCap()) {
      if (this.options.explainRefusals) {
        this.sendError('PAYLOAD_TOO_LARGE', 'Message too large to be saved.');
      }
      this.close(closeCodes.MESSAGE_TOO_BIG, 'message too large');
      return;
    }
    if (!this.budget.take()) {
      if (this.options.explainRefusals) {
        this.sendError('RATE_LIMITED', 'Too many messages; reconnecting.');
      }
      this.close(closeCodes.RATE_LIMITED, 'rate limited');
      return;
    }
    const parsed = this.options.parse(data.toString('utf8'));
    if (!parsed.ok) {
      this.sendError('BAD_MESSAGE', parsed.problem);
      return;
    }
    dispatch(this.options.handlers, parsed.message, this.options.context).catch((error: unknown) =>
      this.options.onError(error),
    );
  }
}
