import type {
  BankItemContent,
  BankItemDetail,
  BankItemListQuery,
  BankItemSummary,
} from '@exam/shared/api';
import type { Db, DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import * as bankRepo from './bank.repo.js';
import { presentItem, presentItemSummary } from './bank.presenters.js';

/** Who is acting; only the id is recorded. */
export interface Actor {
  id: string;
}

const contentFields = [
  'stem',
  'options',
  'keyIndex',
  'shuffle',
  'fixedOptions',
  'domain',
  'ageBand',
] as const;

function changedFields(before: bankRepo.VersionContent, after: bankRepo.VersionContent): string[] {
  return contentFields.filter(
    (field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]),
  );
}

function contentOf(input: BankItemContent): bankRepo.VersionContent {
  return { ...input, options: [...input.options], fixedOptions: [...input.fixedOptions] };
}

async function lockEditable(tx: DbOrTx, id: string): Promise<bankRepo.ItemRow> {
  const item = await bankRepo.lockItem(tx, id);
  if (!item) throw new AppError('NOT_FOUND', 'No such item.', 404);
  if (item.status === 'retired') {
    throw new AppError('ITEM_RETIRED', 'This item is retired and can no longer change.', 409);
  }
  return item;
}

/**
 * Authoring: items are drafted, published into immutable versions and retired. Editing a
 * published item opens a draft of the next version; the published one stays as it was.
 * Every change is audited in the same transaction.
 */
export function createItemsService(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
}) {
  async function detail(db: DbOrTx, id: string): Promise<BankItemDetail> {
    const item = await bankRepo.findItem(db, id);
    if (!item) throw new AppError('NOT_FOUND', 'No such item.', 404);
    return presentItem(item, await bankRepo.versionsOf(db, id));
  }

  return {
    async listItems(query: BankItemListQuery): Promise<BankItemSummary[]> {
      return (await bankRepo.listItems(deps.db, query)).map(presentItemSummary);
    },

    getItem(id: string): Promise<BankItemDetail> {
      return detail(deps.db, id);
    },

    async createItem(actor: Actor, input: BankItemContent): Promise<BankItemDetail> {
      const at = deps.clock.now();
      return deps.db.transaction(async (tx) => {
        const item = await bankRepo.insertItem(tx, { status: 'draft', createdBy: actor.id, at });
        await bankRepo.insertVersion(tx, { ...contentOf(input), itemId: item.id, version: 1, at });
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'bank.item.create',
          subjectType: 'bank_item',
          subjectId: item.id,
          details: { version: 1, domain: input.domain, ageBand: input.ageBand },
        });
        return detail(tx, item.id);
      });
    },

    /** Replaces the draft's content, or opens the next version's draft when none is open. */
    async updateItem(actor: Actor, id: string, input: BankItemContent): Promise<BankItemDetail> {
      const at = deps.clock.now();
      const content = contentOf(input);
      return deps.db.transaction(async (tx) => {
        await lockEditable(tx, id);
        const versions = await bankRepo.versionsOf(tx, id);
        const latest = versions[0];
        if (!latest) throw new AppError('NOT_FOUND', 'No such item.', 404);
        let version: number;
        if (latest.publishedAt === null) {
          await bankRepo.updateDraft(tx, latest.id, content, at);
          version = latest.version;
        } else {
          version = latest.version + 1;
          await bankRepo.insertVersion(tx, { ...content, itemId: id, version, at });
        }
        await bankRepo.touchItem(tx, id, at);
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'bank.item.update',
          subjectType: 'bank_item',
          subjectId: id,
          // Field names only: the audit log is not a second copy of the key.
          details: { version, changed: changedFields(latest, content) },
        });
        return detail(tx, id);
      });
    },

    /** Freezes the draft as a published version; the item becomes (or stays) active. */
    async publishItem(actor: Actor, id: string): Promise<BankItemDetail> {
      const at = deps.clock.now();
      return deps.db.transaction(async (tx) => {
        const item = await lockEditable(tx, id);
        const versions = await bankRepo.versionsOf(tx, id);
        const draft = versions.find((v) => v.publishedAt === null);
        if (!draft) {
          throw new AppError('NOTHING_TO_PUBLISH', 'This item has no draft to publish.', 409);
        }
        const previous = versions.find((v) => v.publishedAt !== null);
        if (previous && changedFields(previous, draft).length === 0) {
          throw new AppError(
            'NO_CHANGES',
            `The draft is the same as published version ${previous.version}; nothing to publish.`,
            409,
          );
        }
        await bankRepo.publishDraft(tx, draft.id, at, actor.id);
        await bankRepo.setItemStatus(tx, id, 'active', at);
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'bank.item.publish',
          subjectType: 'bank_item',
          subjectId: id,
          details: { version: draft.version, itemVersionId: draft.id, from: item.status },
        });
        return detail(tx, id);
      });
    },

    /** Retired items are never drawn into new forms; forms that pin them keep their versions. */
    async retireItem(actor: Actor, id: string): Promise<BankItemDetail> {
      const at = deps.clock.now();
      return deps.db.transaction(async (tx) => {
        const item = await lockEditable(tx, id);
        await bankRepo.setItemStatus(tx, id, 'retired', at);
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'bank.item.retire',
          subjectType: 'bank_item',
          subjectId: id,
          details: { from: item.status },
        });
        return detail(tx, id);
      });
    },
  };
}
