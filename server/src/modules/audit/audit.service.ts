import type { KeyObject } from 'node:crypto';
import type { Db, DbOrTx } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { verifyChain, type ChainReport } from './audit.chain.js';
import { GENESIS_HASH, chainHash } from './audit.hash.js';
import * as auditRepo from './audit.repo.js';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  details?: Record<string, unknown>;
}

export type AuditService = ReturnType<typeof createAuditService>;

/** Appends to and verifies the hash-chained audit log. */
export function createAuditService(deps: { clock: Clock }) {
  return {
    /**
     * Appends inside the caller's transaction, so the entry commits with the change it records.
     * The advisory lock serialises writers so the chain never forks.
     */
    async append(tx: DbOrTx, entry: AuditEntry): Promise<void> {
      await auditRepo.lockChain(tx);
      const prevHash = (await auditRepo.lastHash(tx)) ?? GENESIS_HASH;
      const at = deps.clock.now();
      const details = entry.details ?? {};
      const hash = chainHash(prevHash, { ...entry, at, details });
      await auditRepo.insert(tx, { ...entry, at, details, prevHash, hash });
    },

    /**
     * Appends several entries, in order, inside the caller's transaction under one take of the
     * chain lock: a batch of starts at the opening of a sitting waits for the lock once, not
     * once per candidate. The chain is exactly what appending them one by one would give.
     */
    async appendMany(tx: DbOrTx, entries: readonly AuditEntry[]): Promise<void> {
      if (entries.length === 0) return;
      await auditRepo.lockChain(tx);
      let prevHash = (await auditRepo.lastHash(tx)) ?? GENESIS_HASH;
      const at = deps.clock.now();
      const rows = entries.map((entry) => {
        const details = entry.details ?? {};
        const hash = chainHash(prevHash, { ...entry, at, details });
        const row = { ...entry, at, details, prevHash, hash };
        prevHash = hash;
        return row;
      });
      await auditRepo.insertMany(tx, rows);
    },

    async appendNow(db: Db, entry: AuditEntry): Promise<void> {
      await db.transaction((tx) => this.append(tx, entry));
    },

    /**
     * Walks the chain from the start against the stored checkpoints; reports the first break:
     * an edited or removed entry, a checkpoint that does not match, or a tail cut back past a
     * checkpoint. Signatures are checked with `keys`; without them only placement is checked.
     */
    async verify(db: DbOrTx, keys: readonly KeyObject[] | null = null): Promise<ChainReport> {
      const checkpoints = await auditRepo.allCheckpoints(db);
      return verifyChain(auditRepo.rowsAfter(db), checkpoints, keys);
    },
  };
}
