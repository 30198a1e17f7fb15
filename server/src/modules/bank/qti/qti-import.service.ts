import type { QtiImportPreview, QtiImportResult } from '@exam/shared/api';
import type { Db, DbOrTx } from '../../../db/client.js';
import { AppError } from '../../../lib/app-error.js';
import type { Clock } from '../../../lib/clock.js';
import type { AuditService } from '../../audit/index.js';
import * as bankRepo from '../bank.repo.js';
import { planImport, type PlannedItem } from './qti-import-plan.js';
import * as qtiRepo from './qti.repo.js';

interface Actor {
  id: string;
}

/**
 * Imports a QTI 3.0 package in two steps. Preview reads the package and says what would happen;
 * nothing is stored, not even the package. Confirm sends the same package with the preview's
 * digest: the plan is worked out again inside the transaction and applied only if it is the one
 * the coordinator saw (a changed package or bank in between gives PLAN_CHANGED, preview again).
 * Re-uploading instead of keeping the upload server-side leaves nothing to expire or clean up
 * and works the same behind any number of server instances.
 */
export function createQtiImport(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
}) {
  async function create(tx: DbOrTx, actor: Actor, planned: PlannedItem, at: Date): Promise<string> {
    const item = await qtiRepo.insertImportedItem(tx, {
      id: planned.sourceItemId,
      status: planned.status,
      qtiIdentifier: planned.qtiIdentifier,
      createdBy: actor.id,
      at,
    });
    for (const v of planned.versions) {
      await qtiRepo.insertImportedVersion(tx, {
        ...v.content,
        options: [...v.content.options],
        itemId: item.id,
        version: v.version,
        publishedBy: v.published ? actor.id : null,
        at,
      });
    }
    await deps.audit.append(tx, {
      actorId: actor.id,
      action: 'bank.item.import',
      subjectType: 'bank_item',
      subjectId: item.id,
      details: {
        identifier: planned.preview.identifier,
        versions: planned.versions.length,
        status: planned.status,
        domain: planned.preview.domain,
        ageBand: planned.preview.ageBand,
      },
    });
    return item.id;
  }

  /** The newest content becomes the item's draft: published versions, and forms pinning them, stay. */
  async function update(tx: DbOrTx, actor: Actor, planned: PlannedItem, id: string, at: Date) {
    const content = planned.versions[planned.versions.length - 1]!.content;
    await bankRepo.lockItem(tx, id);
    const [latest] = await bankRepo.versionsOf(tx, id);
    if (!latest) throw new AppError('NOT_FOUND', 'No such item.', 404);
    const fresh = { ...content, options: [...content.options] };
    let version = latest.version;
    if (latest.publishedAt === null) await bankRepo.updateDraft(tx, latest.id, fresh, at);
    else {
      version += 1;
      await bankRepo.insertVersion(tx, { ...fresh, itemId: id, version, at });
    }
    await bankRepo.touchItem(tx, id, at);
    await deps.audit.append(tx, {
      actorId: actor.id,
      action: 'bank.item.update',
      subjectType: 'bank_item',
      subjectId: id,
      details: { version, source: 'qti-import', identifier: planned.preview.identifier },
    });
  }

  return {
    async previewImport(bytes: Uint8Array): Promise<QtiImportPreview> {
      return (await planImport(deps.db, bytes)).preview;
    },

    async confirmImport(
      actor: Actor,
      bytes: Uint8Array,
      planDigest: string,
    ): Promise<QtiImportResult> {
      const at = deps.clock.now();
      return deps.db.transaction(async (tx) => {
        await qtiRepo.lockImports(tx);
        const plan = await planImport(tx, bytes);
        if (plan.preview.planDigest !== planDigest) {
          throw new AppError(
            'PLAN_CHANGED',
            'The package or the bank changed since the preview; preview the import again.',
            409,
          );
        }
        const applied: QtiImportResult['applied'] = [];
        for (const planned of plan.items) {
          const { action, itemId, identifier } = planned.preview;
          if (action === 'create')
            applied.push({ identifier, itemId: await create(tx, actor, planned, at) });
          else if (action === 'update' && itemId) {
            await update(tx, actor, planned, itemId, at);
            applied.push({ identifier, itemId });
          }
        }
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'bank.qti.import',
          subjectType: 'bank',
          subjectId: 'bank',
          details: {
            packageSha256: plan.preview.packageSha256,
            planDigest,
            counts: plan.preview.counts,
          },
        });
        return { ...plan.preview, applied };
      });
    },
  };
}
