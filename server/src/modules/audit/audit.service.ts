import type { Db, DbOrTx } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { GENESIS_HASH, chainHash } from './audit.hash.js';
import * as auditRepo from './audit.repo.js';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  details?: Record<string, unknown>;
}

export type VerifyResult =
  | { ok: true; entries: number }
  | { ok: false; entries: number; brokenAtId: number; reason: string };

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

    async appendNow(db: Db, entry: AuditEntry): Promise<void> {
      await db.transaction((tx) => this.append(tx, entry));
    },

    /** Walks the chain from the start; reports the first row whose link or content does not match. */
    async verify(db: DbOrTx): Promise<VerifyResult> {
      let expectedPrev = GENESIS_HASH;
      let afterId = 0;
      let entries = 0;
      for (;;) {
        const page = await auditRepo.pageAfter(db, afterId, 1000);
        if (page.length === 0) return { ok: true, entries };
        for (const row of page) {
          if (row.prevHash !== expectedPrev) {
            return {
              ok: false,
              entries,
              brokenAtId: row.id,
              reason: 'previous hash does not match',
            };
          }
          const recomputed = chainHash(row.prevHash, row);
          if (recomputed !== row.hash) {
            return {
              ok: false,
              entries,
              brokenAtId: row.id,
              reason: 'content does not match its hash',
            };
          }
          expectedPrev = row.hash;
          afterId = row.id;
          entries += 1;
        }
      }
    },
  };
}
