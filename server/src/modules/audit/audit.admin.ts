import type { AuditEntrySummary, AuditPage, AuditQuery, AuditVerifyReport } from '@exam/shared/api';
import type { CurrentUser, UserSummary } from '@exam/shared/api';
import type { Db } from '../../db/client.js';
import type { SigningKey } from '../../lib/ed25519.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/app-error.js';
import type { CheckpointRecord } from './audit.chain.js';
import type { Checkpointer } from './audit.checkpoints.js';
import { exportLines } from './audit.export.js';
import * as auditRepo from './audit.repo.js';
import type { AuditService } from './audit.service.js';
import { programmeScope, type Scope } from '../../db/association-scope.js';

export interface AuditAdminDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  checkpointer: Pick<Checkpointer, 'checkpointNow'>;
  key: SigningKey;
  /** Accounts, to filter by an actor's email and to name actors. */
  users: { list(scope: Scope): Promise<UserSummary[]> };
  log(message: string, details: Record<string, unknown>): void;
}

export type AuditAdmin = ReturnType<typeof createAuditAdmin>;

function presentCheckpoint(checkpoint: CheckpointRecord | null) {
  if (!checkpoint) return null;
  const { headId, headHash, count, signedAt, keyId } = checkpoint;
  return { headId, headHash, count, signedAt: signedAt.toISOString(), keyId };
}

/** What the administrators' audit page does: read the log, verify it, export it. */
export function createAuditAdmin(deps: AuditAdminDeps) {
  return {
    async list(query: AuditQuery): Promise<AuditPage> {
      const users = await deps.users.list(programmeScope);
      let actorId: string | undefined;
      if (query.actor) {
        actorId = users.find((user) => user.email === query.actor)?.id;
        if (!actorId) {
          throw new AppError('VALIDATION_FAILED', `No account has the email ${query.actor}.`, 400);
        }
      }
      const rows = await auditRepo.listEntries(
        deps.db,
        {
          ...(actorId ? { actorId } : {}),
          ...(query.action ? { action: query.action } : {}),
          ...(query.subjectType ? { subjectType: query.subjectType } : {}),
          ...(query.subjectId ? { subjectId: query.subjectId } : {}),
          ...(query.from ? { from: new Date(query.from) } : {}),
          ...(query.to ? { to: new Date(query.to) } : {}),
          ...(query.before ? { beforeId: query.before } : {}),
        },
        query.limit + 1,
      );
      const byId = new Map(users.map((user) => [user.id, user]));
      const entries: AuditEntrySummary[] = rows.slice(0, query.limit).map((row) => {
        const actor = row.actorId ? byId.get(row.actorId) : undefined;
        return {
          id: row.id,
          at: row.at.toISOString(),
          actor: actor
            ? { id: actor.id, email: actor.email, displayName: actor.displayName }
            : null,
          actorId: row.actorId,
          action: row.action,
          subjectType: row.subjectType,
          subjectId: row.subjectId,
          details: row.details,
          hash: row.hash,
        };
      });
      const more = rows.length > query.limit;
      return { entries, nextBefore: more ? (entries.at(-1)?.id ?? null) : null };
    },

    /** Verifies the live chain with this server's public key. */
    async verify(): Promise<AuditVerifyReport> {
      const report = await deps.audit.verify(deps.db, [deps.key.publicKey]);
      return {
        ok: report.ok,
        entries: report.entries,
        head: report.head,
        checkpoints: report.checkpoints,
        lastCheckpoint: presentCheckpoint(report.lastCheckpoint),
        firstBreak: report.firstBreak,
        keyId: deps.key.keyId,
        publicKey: deps.key.publicKeyText,
        verifiedAt: deps.clock.now().toISOString(),
      };
    },

    /**
     * Records the export, signs a checkpoint over the head (the export then ends on a signed
     * entry, so a file cut short shows it), and streams the lines.
     */
    async export(actor: CurrentUser): Promise<AsyncGenerator<string>> {
      await deps.audit.appendNow(deps.db, {
        actorId: actor.id,
        action: 'audit.export',
        subjectType: 'audit',
        subjectId: 'log',
      });
      try {
        await deps.checkpointer.checkpointNow();
      } catch (error) {
        // A broken chain is not signed over; the export still goes out and its verify says why.
        deps.log('audit export without a fresh checkpoint', { err: error });
      }
      return exportLines(deps.db, deps.key, deps.clock.now());
    },
  };
}
