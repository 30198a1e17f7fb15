import type { Db } from '../../db/client.js';
import { retryOnSerializationFailure } from '../../db/serialization-retry.js';
import type { Leadership } from '../../events/leader.js';
import { signBytes, type SigningKey } from '../../lib/ed25519.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/app-error.js';
import { checkpointMessage, type CheckpointRecord } from './audit.chain.js';
import { GENESIS_HASH, chainHash } from './audit.hash.js';
import * as auditRepo from './audit.repo.js';

export interface CheckpointerDeps {
  db: Db;
  clock: Clock;
  key: SigningKey;
  /** Sign once this many entries follow the last checkpoint... */
  everyEntries: number;
  /** ...or once the oldest entry it does not cover is this old. */
  everyMs: number;
  /**
   * With several instances the periodic checkpoints are the leader's work: only the leader
   * polls, and each periodic signature's transaction checks the leader's epoch first, so a
   * leader that lost its lock while paused signs nothing. Absent, this instance signs unfenced.
   */
  leadership?: Pick<Leadership, 'isLeader' | 'fence'>;
  log(level: 'info' | 'error', message: string, details: Record<string, unknown>): void;
}

export type Checkpointer = ReturnType<typeof createCheckpointer>;

// The entry count is polled at most this far apart, so "every N entries" lags by seconds at most.
const MAX_POLL_MS = 5_000;

/**
 * Signs the chain's head now and then. Before signing it walks the entries since the last
 * checkpoint and refuses when they do not extend it: a signature only ever vouches for a chain
 * that grew from what was signed before. Each checkpoint also goes to the server log, a copy
 * outside the database.
 */
export function createCheckpointer(deps: CheckpointerDeps) {
  let timer: NodeJS.Timeout | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  const leads = () => deps.leadership?.isLeader() ?? true;

  async function sign(force: boolean, fenced: boolean): Promise<CheckpointRecord | null> {
    // One snapshot for the count, the walk and the head, however many appends commit meanwhile.
    return deps.db.transaction(
      async (tx) => {
        if (fenced) await deps.leadership?.fence(tx);
        const last = await auditRepo.lastCheckpoint(tx);
        const pending = await auditRepo.countAfter(tx, last?.headId ?? 0);
        if (pending === 0) return null;
        if (!force && pending < deps.everyEntries) {
          // Time runs from the oldest entry no checkpoint covers yet.
          const [oldest] = await auditRepo.pageAfter(tx, last?.headId ?? 0, 1);
          const waited = deps.clock.now().getTime() - (oldest?.at.getTime() ?? Infinity);
          if (waited < deps.everyMs) return null;
        }

        let headId = last?.headId ?? 0;
        let headHash = last?.headHash ?? GENESIS_HASH;
        let count = last?.count ?? 0;
        for await (const row of auditRepo.rowsAfter(tx, headId)) {
          if (row.prevHash !== headHash || chainHash(row.prevHash, row) !== row.hash) {
            throw new AppError(
              'AUDIT_CHAIN_BROKEN',
              `The audit chain is broken at entry ${row.id}: not signing a checkpoint over it.`,
              500,
            );
          }
          headId = row.id;
          headHash = row.hash;
          count += 1;
        }
        const claim = {
          headId,
          headHash,
          count,
          signedAt: deps.clock.now(),
          keyId: deps.key.keyId,
        };
        const checkpoint = { ...claim, signature: signBytes(deps.key, checkpointMessage(claim)) };
        await auditRepo.insertCheckpoint(tx, checkpoint);
        deps.log('info', 'audit checkpoint signed', {
          ...checkpoint,
          signedAt: checkpoint.signedAt.toISOString(),
        });
        return checkpoint;
      },
      { isolationLevel: 'repeatable read' },
    );
  }

  /**
   * One at a time in this process; a second instance signing the same head does no harm. The
   * fence's FOR SHARE meets the leader's lease renewal (an UPDATE of the same row) now and then,
   * and a repeatable-read transaction that waited on it is refused: it is run again, and refused
   * for good only if the epoch itself moved.
   */
  function enqueue(force: boolean, fenced = !force): Promise<CheckpointRecord | null> {
    const run = queue.then(() => retryOnSerializationFailure(() => sign(force, fenced)));
    queue = run.catch(() => undefined);
    return run;
  }

  async function tickLogged(force: boolean): Promise<void> {
    try {
      await enqueue(force);
    } catch (error) {
      deps.log('error', 'audit checkpoint failed', { err: error });
    }
  }

  return {
    /**
     * Signs if due (enough entries, or one waiting long enough); null when nothing was signed.
     * The leader's periodic work: fenced by its epoch.
     */
    tick: () => enqueue(false),
    /**
     * Signs the current head unless the last checkpoint already covers it: asked for by an
     * administrator or at shutdown, on whichever instance, so not fenced (a second instance
     * signing the same head does no harm).
     */
    checkpointNow: () => enqueue(true),

    async start(): Promise<void> {
      if (leads()) await tickLogged(false);
      timer = setInterval(
        () => {
          if (leads()) void tickLogged(false);
        },
        Math.min(deps.everyMs, MAX_POLL_MS),
      );
      timer.unref();
    },

    /** Stops polling and anchors whatever was appended since the last checkpoint. */
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = undefined;
      await tickLogged(true);
    },
  };
}
