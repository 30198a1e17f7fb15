import pg from 'pg';
import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../db/client.js';

/** The advisory lock's two keys: an arbitrary class for this app, and one for background work. */
const LOCK_CLASS = 7316;
const LOCK_BACKGROUND = 1;
export const BACKGROUND = 'background';

/** Thrown inside a leader's transaction when another instance has taken over since. */
export class LeadershipLost extends Error {
  constructor(name: string, epoch: number) {
    super(`leadership ${name} epoch ${epoch} was lost; the write is refused`);
  }
}

/**
 * Who runs the background work (the sweeper, outage crediting, scheduled jobs). `fence(tx)` is
 * called in every leader write's transaction: it locks the leadership row FOR SHARE and refuses
 * unless this instance still holds the epoch it took, so a new leader's epoch bump waits for
 * the write, or the write sees the bump and is refused.
 */
export interface Leadership {
  isLeader(): boolean;
  /** The epoch this instance took leadership with; 0 when it never led. */
  readonly epoch: number;
  fence(tx: DbOrTx): Promise<void>;
  /** Observer for metrics and logs: called on every gain or loss. */
  onChange(listener: (leader: boolean, epoch: number) => void): () => void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

async function fenceFor(tx: DbOrTx, name: string, epoch: number, holder: string): Promise<void> {
  const rows = await queryRows<{ epoch: number }>(
    tx,
    sql`SELECT epoch FROM leader_epochs
        WHERE name = ${name} AND epoch = ${epoch} AND holder = ${holder} FOR SHARE`,
  );
  if (rows.length === 0) throw new LeadershipLost(name, epoch);
}

function listenersOf() {
  const listeners = new Set<(leader: boolean, epoch: number) => void>();
  return {
    add(listener: (leader: boolean, epoch: number) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    tell(leader: boolean, epoch: number) {
      for (const listener of listeners) listener(leader, epoch);
    },
  };
}

/**
 * The embedded database has one process: it leads from the start, and still takes an epoch so
 * the fence works the same way on both databases.
 */
export function createSoleLeadership(options: { db: DbOrTx; holder: string }): Leadership {
  let epoch = 0;
  const listeners = listenersOf();
  return {
    isLeader: () => epoch > 0,
    get epoch() {
      return epoch;
    },
    fence: (tx) => fenceFor(tx, BACKGROUND, epoch, options.holder),
    onChange: (listener) => listeners.add(listener),
    async start() {
      const [row] = await queryRows<{ epoch: string }>(options.db, takeEpochSql(options.holder, 0));
      epoch = Number(row?.epoch ?? 0);
      listeners.tell(true, epoch);
    },
    async stop() {
      epoch = 0;
    },
  };
}

function takeEpochSql(holder: string, leaseMs: number) {
  return sql`INSERT INTO leader_epochs (name, epoch, holder, lease_until)
    VALUES (${BACKGROUND}, 1, ${holder}, now() + ${`${leaseMs} milliseconds`}::interval)
    ON CONFLICT (name) DO UPDATE SET epoch = leader_epochs.epoch + 1, holder = EXCLUDED.holder,
      lease_until = EXCLUDED.lease_until
    RETURNING epoch::text AS epoch`;
}

export interface PgLeadershipOptions {
  connectionString: string;
  /** The leader's write-checking handle (the pool's drizzle). */
  db: DbOrTx;
  holder: string;
  /** How long a lease lasts unrenewed; past it a follower ends the holder's connection. */
  leaseMs?: number;
  /** How often followers try for the lock and the leader renews its lease. */
  pollMs?: number;
  log?: (message: string, details?: Record<string, unknown>) => void;
}

/**
 * Leadership on PostgreSQL: a session-level `pg_try_advisory_lock` on a dedicated connection
 * (released by the server the moment the leader's process dies), an epoch taken on each gain,
 * and a lease renewed every poll. A leader whose process is paused keeps its connection and so
 * its lock: when its lease has run out, a follower terminates that connection and takes over.
 */
export function createPgLeadership(options: PgLeadershipOptions): Leadership {
  const leaseMs = options.leaseMs ?? 5000;
  const pollMs = options.pollMs ?? 1000;
  const log = options.log ?? (() => undefined);
  const listeners = listenersOf();
  let client: pg.Client | undefined;
  let epoch = 0;
  let leading = false;
  /** Local bound on the lease: past it this instance stops acting even before it hears why. */
  let leaseEndsAt = 0;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = true;

  function stepDown(reason: string): void {
    if (!leading) return;
    leading = false;
    log('leadership lost', { reason, epoch });
    listeners.tell(false, epoch);
  }

  async function connection(): Promise<pg.Client> {
    if (client) return client;
    const next = new pg.Client({ connectionString: options.connectionString });
    next.on('error', () => {
      if (client === next) client = undefined;
      stepDown('lock connection failed');
      next.end().catch(() => undefined);
    });
    await next.connect();
    client = next;
    return next;
  }

  async function round(): Promise<void> {
    const lockClient = await connection();
    const started = Date.now();
    if (leading) {
      const renewed = await lockClient.query(
        `UPDATE leader_epochs SET lease_until = now() + $3::interval
         WHERE name = $1 AND epoch = $2 RETURNING 1`,
        [BACKGROUND, epoch, `${leaseMs} milliseconds`],
      );
      if (renewed.rowCount === 0) {
        stepDown('another instance took a newer epoch');
        await lockClient.query('SELECT pg_advisory_unlock($1, $2)', [LOCK_CLASS, LOCK_BACKGROUND]);
        return;
      }
      leaseEndsAt = started + leaseMs;
      return;
    }
    const locked = await lockClient.query<{ ok: boolean }>(
      'SELECT pg_try_advisory_lock($1, $2) AS ok',
      [LOCK_CLASS, LOCK_BACKGROUND],
    );
    if (locked.rows[0]?.ok) {
      const [row] = await queryRows<{ epoch: string }>(
        options.db,
        takeEpochSql(options.holder, leaseMs),
      );
      epoch = Number(row?.epoch ?? 0);
      leaseEndsAt = started + leaseMs;
      leading = true;
      log('leadership gained', { epoch });
      listeners.tell(true, epoch);
      return;
    }
    // Someone holds the lock. If its lease ran out, it is alive but not acting: cut it off.
    const stale = await lockClient.query<{ pid: number }>(
      `SELECT l.pid FROM pg_locks l JOIN leader_epochs e ON e.name = $3
       WHERE l.locktype = 'advisory' AND l.classid = $1 AND l.objid = $2 AND l.objsubid = 2
         AND l.granted AND e.lease_until < now() - interval '1 second'`,
      [LOCK_CLASS, LOCK_BACKGROUND, BACKGROUND],
    );
    for (const { pid } of stale.rows) {
      log('ending a leader whose lease ran out', { pid });
      await lockClient.query('SELECT pg_terminate_backend($1)', [pid]);
    }
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = round()
        .catch((error: unknown) => {
          log('leadership round failed', { error: String(error) });
          stepDown('round failed');
          const lost = client;
          client = undefined;
          lost?.end().catch(() => undefined);
        })
        .finally(() => {
          running = undefined;
          schedule();
        });
    }, pollMs);
    timer.unref();
  }

  return {
    isLeader: () => leading && Date.now() < leaseEndsAt,
    get epoch() {
      return epoch;
    },
    fence: (tx) => fenceFor(tx, BACKGROUND, epoch, options.holder),
    onChange: (listener) => listeners.add(listener),
    async start() {
      stopped = false;
      // One round now, so a lone instance leads before it takes its first save.
      await round().catch((error: unknown) =>
        log('leadership round failed', { error: String(error) }),
      );
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      stepDown('stopping');
      const current = client;
      client = undefined;
      // Ending the session releases the advisory lock: a follower takes over at its next poll.
      await current?.end().catch(() => undefined);
    },
  };
}
