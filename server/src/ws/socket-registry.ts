import { closeCodes } from '@exam/shared/protocol';
import { createSocketHeartbeat } from './heartbeat.js';
import type {
  Displaced,
  RegisteredSocket,
  RegistryEvents,
  SocketLimits,
} from './registered-socket.js';
import { SocketCap } from './socket-caps.js';

export type { Displaced, RegisteredSocket, RegistryEvents, SocketLimits };

const HEARTBEAT_MS = 15_000;
/** Sockets are beaten in small groups through the interval, not all at once. */
const HEARTBEAT_TICK_MS = 500;

export interface RegistryOptions {
  /** The subset of session tokens still valid, in one query (AuthService.liveTokens). */
  liveTokens(tokens: string[]): Promise<Set<string>>;
  events: RegistryEvents;
  heartbeat?: { intervalMs?: number; tickMs?: number; now?: () => number; random?: () => number };
}

/**
 * The one place that knows which websockets are open on this instance: by sign-in session, by
 * attempt (exam sockets after `hello`) and by sitting (proctor dashboards after `hello`). Caps,
 * takeover, revocation closes, the shared heartbeat and fan-out all go through it.
 *
 * Cross-instance events: with several instances behind a load balancer, the PostgreSQL
 * LISTEN/NOTIFY bus (server/src/events) delivers into this registry and nowhere else: revoked
 * sessions and takeovers through `options.events`, and (wired in instance-events.ts)
 * `pushToAttempt(id, event)` for "push to attempt Y" and `pushToSitting(id, event)` for "push to
 * sitting Z"; each is a no-op on an instance that holds no such socket, so the bus may broadcast
 * to every instance. The events carry ids only; sockets re-read the state they show.
 */
export class SocketRegistry<AttemptEvent, SittingEvent> {
  private readonly limits = new Map<
    string,
    {
      session: SocketCap<Socket<AttemptEvent, SittingEvent>>;
      user?: SocketCap<Socket<AttemptEvent, SittingEvent>>;
    }
  >();
  private readonly bySession = new Map<string, Set<Socket<AttemptEvent, SittingEvent>>>();
  private readonly byAttempt = new Map<string, Socket<AttemptEvent, SittingEvent>>();
  private readonly attemptOf = new Map<Socket<AttemptEvent, SittingEvent>, string>();
  private readonly bySitting = new Map<string, Set<Socket<AttemptEvent, SittingEvent>>>();
  private readonly sittingOf = new Map<Socket<AttemptEvent, SittingEvent>, string>();
  /** When each attempt held here was claimed: an older claim from elsewhere loses to it. */
  private readonly claimedAt = new Map<string, number>();
  private readonly unwatch = new Map<string, () => void>();
  private watch: ((sittingId: string) => () => void) | undefined;
  private takenElsewhere:
    ((socket: Socket<AttemptEvent, SittingEvent>, attemptId: string) => void) | undefined;
  private readonly heartbeat;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(private readonly options: RegistryOptions) {
    this.heartbeat = createSocketHeartbeat({
      intervalMs: options.heartbeat?.intervalMs ?? HEARTBEAT_MS,
      tickMs: options.heartbeat?.tickMs ?? HEARTBEAT_TICK_MS,
      liveTokens: (tokens) => options.liveTokens(tokens),
      ...(options.heartbeat?.now ? { now: options.heartbeat.now } : {}),
      ...(options.heartbeat?.random ? { random: options.heartbeat.random } : {}),
    });
  }

  /** Declares a family of sockets and its caps; each socket route calls this once. */
  defineKind(kind: string, limits: SocketLimits): void {
    if (this.limits.has(kind)) throw new Error(`socket kind ${kind} is already defined`);
    this.limits.set(kind, {
      session: new SocketCap(limits.perSession),
      ...(limits.perUser
        ? { user: new SocketCap(limits.perUser, (older) => !this.attemptOf.has(older)) }
        : {}),
    });
  }

  /**
   * Registers a newly opened socket. Older sockets over its family's caps are displaced (told,
   * closed, their attempt handed on) and returned, oldest first, so the caller can audit.
   */
  add(socket: Socket<AttemptEvent, SittingEvent>): Displaced<AttemptEvent, SittingEvent>[] {
    const caps = this.limits.get(socket.kind);
    if (!caps) throw new Error(`socket kind ${socket.kind} was never defined`);
    addTo(this.bySession, socket.sessionId, socket);
    this.heartbeat.add(socket.transport);
    const over = new Set([
      ...caps.session.add(socket.sessionId, socket),
      ...(caps.user?.add(socket.userId, socket) ?? []),
    ]);
    return [...over].map((older) => {
      const attemptId = this.attemptOf.get(older);
      older.displace();
      if (attemptId) this.releaseAttempt(attemptId, older);
      return { socket: older, attemptId };
    });
  }

  /** Forgets a closed socket everywhere; safe to call twice. */
  remove(socket: Socket<AttemptEvent, SittingEvent>): void {
    removeFrom(this.bySession, socket.sessionId, socket);
    this.heartbeat.remove(socket.transport);
    const caps = this.limits.get(socket.kind);
    caps?.session.remove(socket.sessionId, socket);
    caps?.user?.remove(socket.userId, socket);
    const attemptId = this.attemptOf.get(socket);
    if (attemptId) this.releaseAttempt(attemptId, socket);
    const sittingId = this.sittingOf.get(socket);
    if (sittingId) this.leaveSitting(sittingId, socket);
  }

  /**
   * Binds a socket to its attempt (one socket per attempt). The socket that held it is
   * displaced and returned: the new one took over.
   */
  claimAttempt(
    attemptId: string,
    socket: Socket<AttemptEvent, SittingEvent>,
  ): Socket<AttemptEvent, SittingEvent> | undefined {
    const previous = this.byAttempt.get(attemptId);
    this.byAttempt.set(attemptId, socket);
    this.attemptOf.set(socket, attemptId);
    // A socket holding it on another instance gives way there. Sub-millisecond, so two
    // instances' claims of one attempt are never a tie: exactly one of the two sockets stays.
    const at = performance.timeOrigin + performance.now();
    this.claimedAt.set(attemptId, at);
    this.options.events.announceClaim(attemptId, at);
    if (!previous || previous === socket) return undefined;
    // The displaced socket keeps its attempt until it has closed: the per-user cap never
    // counts it as a fresh socket that may give way.
    previous.displace();
    return previous;
  }

  /**
   * Another instance's socket took this attempt over at `at`: the one here gives way, unless it
   * claimed the attempt later. Then the older claim's instance may never have heard of this one
   * (the claims crossed, or its bus was away and it is telling its claims again): this one is
   * told again, so the older socket gives way there and one socket holds the attempt.
   */
  displaceAttempt(attemptId: string, at: number): void {
    const holder = this.byAttempt.get(attemptId);
    if (!holder) return;
    const mine = this.claimedAt.get(attemptId) ?? -Infinity;
    if (mine > at) {
      this.options.events.announceClaim(attemptId, mine);
      return;
    }
    holder.displace();
    this.releaseAttempt(attemptId, holder);
    this.takenElsewhere?.(holder, attemptId);
  }

  /**
   * Sets who hears of a socket here given way to a claim made on another instance (the exam
   * socket audits the takeover, as the claiming instance does when it displaces one itself).
   */
  onTakenElsewhere(
    listener: (socket: Socket<AttemptEvent, SittingEvent>, attemptId: string) => void,
  ): void {
    this.takenElsewhere = listener;
  }

  /** The attempts this instance holds a socket for (to reread after missed events). */
  heldAttempts(): string[] {
    return [...this.byAttempt.keys()];
  }

  /** The socket bound to an attempt on this instance, if any. */
  attemptSocket(attemptId: string): Socket<AttemptEvent, SittingEvent> | undefined {
    return this.byAttempt.get(attemptId);
  }

  /** Delivers an attempt's change to its socket, if this instance holds it. */
  pushToAttempt(attemptId: string, event: AttemptEvent): void {
    this.byAttempt.get(attemptId)?.onAttemptEvent?.(event);
  }

  /**
   * Sets how a sitting's events are sourced: `watch` runs when the first socket joins a
   * sitting and its returned function when the last leaves, so nothing is computed for a
   * sitting nobody watches.
   */
  watchSittings(watch: (sittingId: string) => () => void): void {
    this.watch = watch;
  }

  /** Adds a socket to a sitting's audience; it receives every later pushToSitting. */
  joinSitting(sittingId: string, socket: Socket<AttemptEvent, SittingEvent>): void {
    if (this.sittingOf.has(socket)) return;
    this.sittingOf.set(socket, sittingId);
    const first = !this.bySitting.has(sittingId);
    addTo(this.bySitting, sittingId, socket);
    if (first && this.watch) this.unwatch.set(sittingId, this.watch(sittingId));
  }

  /** Fans a sitting's event out to its sockets, in the order they joined. */
  pushToSitting(sittingId: string, event: SittingEvent): void {
    for (const socket of this.bySitting.get(sittingId) ?? []) socket.onSittingEvent?.(event);
  }

  /** How many sockets watch a sitting on this instance. */
  sittingAudience(sittingId: string): number {
    return this.bySitting.get(sittingId)?.size ?? 0;
  }

  /** Closes every socket of a sign-in session (logout, revocation). */
  closeSession(sessionId: string, code: number, reason: string): void {
    for (const socket of [...(this.bySession.get(sessionId) ?? [])]) {
      socket.transport.close(code, reason);
    }
  }

  /**
   * Has every socket of a family on this instance check again whether its session may keep it
   * (staff access changed here: a sitting's proctors, someone's roles). Other instances' sockets
   * check at their next heartbeat.
   */
  recheck(kind: string): void {
    for (const sockets of this.bySession.values()) {
      for (const socket of sockets) if (socket.kind === kind) socket.transport.recheck?.();
    }
  }

  /** How many sockets a session holds open on this instance. */
  sessionSockets(sessionId: string): number {
    return this.bySession.get(sessionId)?.size ?? 0;
  }

  /** Beats the sockets due at `at`; exposed so tests can drive time. */
  beat(at?: number): Promise<void> {
    return this.heartbeat.beat(at);
  }

  start(): void {
    this.heartbeat.start();
    const { events } = this.options;
    this.unsubscribe.push(
      events.onSessionRevoked((sessionId) =>
        this.closeSession(sessionId, closeCodes.UNAUTHENTICATED, 'signed out'),
      ),
      events.onClaimedElsewhere((attemptId, at) => this.displaceAttempt(attemptId, at)),
      // A claim made elsewhere while this instance was not listening left two sockets on one
      // attempt: each held here is claimed again, as of when it was claimed, so the older gives way.
      events.onMissedEvents(() => {
        for (const [attemptId, at] of this.claimedAt) events.announceClaim(attemptId, at);
      }),
    );
  }

  stop(): void {
    this.heartbeat.stop();
    for (const unsubscribe of this.unsubscribe.splice(0)) unsubscribe();
    for (const unwatch of this.unwatch.values()) unwatch();
    this.unwatch.clear();
  }

  private releaseAttempt(attemptId: string, socket: Socket<AttemptEvent, SittingEvent>): void {
    this.attemptOf.delete(socket);
    if (this.byAttempt.get(attemptId) !== socket) return;
    this.byAttempt.delete(attemptId);
    this.claimedAt.delete(attemptId);
  }

  private leaveSitting(sittingId: string, socket: Socket<AttemptEvent, SittingEvent>): void {
    this.sittingOf.delete(socket);
    removeFrom(this.bySitting, sittingId, socket);
    if (this.bySitting.has(sittingId)) return;
    this.unwatch.get(sittingId)?.();
    this.unwatch.delete(sittingId);
  }
}

type Socket<A, S> = RegisteredSocket<A, S>;

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

function removeFrom<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}
