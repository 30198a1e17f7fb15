/** What the heartbeat needs of a socket (a SocketConnection in production). */
export interface BeatingSocket {
  /** Set by the socket's pong; cleared by the heartbeat when it pings. */
  alive: boolean;
  readonly sessionToken: string | undefined;
  ping(): void;
  terminate(): void;
  /** Closes the socket because its session ended (logout elsewhere, expiry). */
  endSession(): void;
  /**
   * Asks again whether the session may still hold this socket open (a proctor unassigned or
   * stripped of a role since the upgrade) and closes it if not; sockets whose right cannot
   * change after the upgrade leave it out.
   */
  recheck?(): void;
}

export interface HeartbeatOptions {
  /** Each socket is pinged, and its session checked, once per interval. */
  intervalMs: number;
  /** How often the heartbeat wakes to beat the sockets that are due. */
  tickMs: number;
  /** The subset of tokens whose sessions are still valid, in one query. */
  liveTokens(tokens: string[]): Promise<Set<string>>;
  now?: () => number;
  random?: () => number;
}

/**
 * Pings every socket (exam and proctor alike) once per interval and closes those that did not
 * answer the last ping or whose session has ended, and has the others that can lose their right
 * to stay open (proctor dashboards) check it again. Sockets are spread over the interval (each gets its own phase)
 * rather than all beaten at once: pinging thousands of sockets and checking thousands of
 * sessions in one go stalls the event loop and the database queue, and every autosave waiting
 * behind it shows up in the acknowledgement tail.
 */
export function createSocketHeartbeat(options: HeartbeatOptions) {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const dueAt = new Map<BeatingSocket, number>();
  let timer: NodeJS.Timeout | undefined;

  function beat(at = now()): Promise<void> {
    const checked: BeatingSocket[] = [];
    for (const [socket, due] of dueAt) {
      if (due > at) continue;
      dueAt.set(socket, due + options.intervalMs);
      if (!socket.alive) {
        socket.terminate();
        continue;
      }
      socket.alive = false;
      socket.ping();
      checked.push(socket);
    }
    if (checked.length === 0) return Promise.resolve();
    // One query for the sockets due in this tick; logout closes sockets at once elsewhere.
    const tokens = checked.flatMap((s) => (s.sessionToken ? [s.sessionToken] : []));
    return options.liveTokens(tokens).then(
      (live) => {
        for (const socket of checked) {
          if (!socket.sessionToken || !live.has(socket.sessionToken)) socket.endSession();
          else socket.recheck?.();
        }
      },
      // PostgreSQL unreachable: keep the sockets; their next beat asks again.
      () => undefined,
    );
  }

  return {
    /** The first beat falls anywhere in the first interval, so a burst of connects spreads out. */
    add(socket: BeatingSocket): void {
      dueAt.set(socket, now() + Math.floor(random() * options.intervalMs));
    },
    remove(socket: BeatingSocket): void {
      dueAt.delete(socket);
    },
    /** Beats the sockets due at `at`; exposed so tests can drive time. */
    beat,
    start(): void {
      timer ??= setInterval(() => void beat(), options.tickMs);
      timer.unref();
    },
    stop(): void {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
