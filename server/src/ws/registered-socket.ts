import type { BeatingSocket } from './heartbeat.js';

/*
 * What the socket registry (socket-registry.ts) is given: the sockets it holds, the caps of each
 * family of them, and its view of the other instances.
 */

/** What the registry needs of one open socket (CandidateConnection, DashboardSocket). */
export interface RegisteredSocket<AttemptEvent, SittingEvent> {
  /** Which family of sockets: each family has its own caps ('exam', 'proctor'). */
  readonly kind: string;
  /** The sign-in session's id (sessionIdFromToken), the key revocation and caps use. */
  readonly sessionId: string;
  readonly userId: string;
  /** The transport, pinged and session-checked by the shared heartbeat. */
  readonly transport: BeatingSocket & { close(code: number, reason: string): void };
  /** Told it gave way to a newer socket (a second tab): says so and closes with TAKEN_OVER. */
  displace(): void;
  /** A change to the attempt this socket is bound to. */
  onAttemptEvent?(event: AttemptEvent): void;
  /** A change in the sitting this socket watches. */
  onSittingEvent?(event: SittingEvent): void;
}

/**
 * How many sockets of one family a holder may keep open; past it, the oldest gives way. These
 * are counted in this instance's memory: with several instances a holder may keep this many on
 * each. They protect the process from a flood of sockets and need no more. The rule that must
 * hold across the deployment, one live exam socket per attempt, is `claimAttempt`'s, which
 * every instance hears of (RegistryEvents).
 */
export interface SocketLimits {
  perSession: number;
  /** Across all of a user's sessions; only sockets not yet bound to an attempt give way here. */
  perUser?: number;
}

/** A socket displaced over a cap, and the attempt it held (the caller audits the takeover). */
export interface Displaced<A, S> {
  socket: RegisteredSocket<A, S>;
  attemptId: string | undefined;
}

/**
 * Where the registry meets the other instances (the event bus, wired in app.ts): revocations
 * from any instance, including this one, and takeovers made on other instances arrive here,
 * and this instance's takeovers are announced here.
 */
export interface RegistryEvents {
  /** Every revoked session, wherever it was revoked; returns the unsubscribe. */
  onSessionRevoked(listener: (sessionId: string) => void): () => void;
  /** An attempt claimed by a socket on another instance at `at`; returns the unsubscribe. */
  onClaimedElsewhere(listener: (attemptId: string, at: number) => void): () => void;
  announceClaim(attemptId: string, at: number): void;
  /** This instance may have missed events (its bus reconnected); returns the unsubscribe. */
  onMissedEvents(listener: () => void): () => void;
}
