import { randomUUID } from 'node:crypto';
import type { Db, DbOrTx } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import * as deliveryRepo from './delivery.repo.js';
import type { DeliveryService } from './delivery.service.js';

export type Sweeper = ReturnType<typeof createSweeper>;

/**
 * The server's own timekeeping loop. Each tick: if the heartbeat shows the server (or its
 * database) was unreachable for longer than the threshold, credit that gap to every running
 * clock; record the heartbeat; then close every part whose deadline and grace have passed.
 * Everything it needs is in the database, so it carries on correctly after a restart.
 *
 * A gap counts as an outage only after a restart (the first beat of this process) or after a
 * tick that failed (the database was unreachable): a slow tick of a server that kept serving
 * saves is not an outage, and crediting it would hand every candidate time they did not lose.
 *
 * Several instances: every instance beats (instance_heartbeats) on every tick, but only the
 * leader credits outages and closes parts, and each of its writes is fenced by its epoch. The
 * gap it credits runs from the last beat of *any* instance, so one instance dying while another
 * kept serving credits nothing.
 */
export function createSweeper(deps: {
  db: Db;
  clock: Clock;
  delivery: Pick<DeliveryService, 'loadContext' | 'recordClockEvent' | 'closePart'>;
  graceMs: number;
  outageThresholdMs: number;
  /** Absent: this process is the only one and always leads (tests, scripts). */
  leadership?: { isLeader(): boolean; fence(tx: DbOrTx): Promise<void> };
  /** This instance's heartbeat key; the event bus's instance id. */
  instanceId?: string;
  log?: (message: string, details?: Record<string, unknown>) => void;
}) {
  const instanceId = deps.instanceId ?? randomUUID();
  const fence = deps.leadership ? (tx: DbOrTx) => deps.leadership!.fence(tx) : undefined;
  const leads = () => deps.leadership?.isLeader() ?? true;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let beatenInThisProcess = false;
  let failedSinceLastBeat = false;

  /** How long nobody beat, when this instance may itself have been cut off; else 0. */
  async function outageGap(now: Date): Promise<number> {
    const couldHaveBeenDown = !beatenInThisProcess || failedSinceLastBeat;
    if (!couldHaveBeenDown) return 0;
    const lastBeat = latest(
      await deliveryRepo.readHeartbeat(deps.db),
      await deliveryRepo.latestInstanceBeat(deps.db),
    );
    const gapMs = lastBeat ? now.getTime() - lastBeat.getTime() : 0;
    return gapMs > deps.outageThresholdMs ? gapMs : 0;
  }

  async function creditOutage(): Promise<void> {
    const now = deps.clock.now();
    const gapMs = await outageGap(now);
    if (gapMs > 0) {
      const parts = await deliveryRepo.findRunningParts(deps.db);
      deps.log?.('crediting server outage', { gapMs, parts: parts.length });
      for (const { attemptId, part } of parts) {
        const context = await deps.delivery.loadContext(attemptId);
        await deps.delivery.recordClockEvent(context, part === 2 ? 2 : 1, {
          type: 'extend',
          ms: gapMs,
          reason: `server outage credit (${Math.round(gapMs / 1000)} s)`,
          actorId: null,
          ...(fence ? { fence } : {}),
        });
      }
    }
    await deliveryRepo.writeHeartbeat(deps.db, now);
  }

  async function beat(): Promise<void> {
    await deliveryRepo.writeInstanceBeat(deps.db, instanceId, deps.clock.now());
    beatenInThisProcess = true;
    failedSinceLastBeat = false;
  }

  async function closeExpired(): Promise<number> {
    const cutoff = new Date(deps.clock.now().getTime() - deps.graceMs);
    const expired = await deliveryRepo.findExpiredParts(deps.db, cutoff);
    for (const { attemptId, part } of expired) {
      await deps.delivery.closePart(
        attemptId,
        part === 2 ? 2 : 1,
        'expired',
        'time is up',
        null,
        undefined,
        {
          ...(fence ? { fence } : {}),
        },
      );
    }
    return expired.length;
  }

  async function tick(): Promise<void> {
    try {
      // Followers only beat; the leader first credits any outage the beats show. A follower
      // that finds an uncredited outage (the database was down for everyone, and leadership
      // is not back yet) does not beat over it: its beat would hide the gap from the leader.
      const leader = leads();
      if (leader) await creditOutage();
      else if ((await outageGap(deps.clock.now())) > 0) return;
      await beat();
      if (leader) await closeExpired();
    } catch (error) {
      failedSinceLastBeat = true;
      throw error;
    }
  }

  return {
    instanceId,
    /** One pass; ticks never overlap. */
    tick(): Promise<void> {
      running ??= tick().finally(() => {
        running = undefined;
      });
      return running;
    },
    start(intervalMs: number): void {
      if (intervalMs <= 0 || timer) return;
      timer = setInterval(() => {
        this.tick().catch((error: unknown) =>
          deps.log?.('sweeper tick failed', {
            error: error instanceof Error ? error.message : String(error),
          }),
        );
      }, intervalMs);
      timer.unref();
    },
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running?.catch(() => undefined);
    },
  };
}

function latest(a: Date | undefined, b: Date | undefined): Date | undefined {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}
