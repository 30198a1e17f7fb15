import type { ExamEndorsement } from '@exam/shared/domain';
import type { Db } from '../../db/client.js';
import { assembleForm, defaultBlueprints, type PoolItem } from './assembly.js';
import * as bankRepo from './bank.repo.js';
import type { VersionContent } from './bank.repo.js';
import * as formsRepo from './forms.repo.js';

/** One item of a bank import, with the ids it is to keep (so an import can be replayed exactly). */
export interface BankImportItem {
  itemId: string;
  versionId: string;
  content: VersionContent;
}

/** A form to assemble from the imported items with the default blueprint and a fixed seed. */
export interface BankImportForm {
  endorsement: ExamEndorsement;
  name: string;
  seed: string;
}

/**
 * Loads a whole bank in one transaction: every item active at version 1, then each form
 * assembled from them and made active. For an empty bank at first start (the demo, a load
 * bench): it does not check for existing items, and no route reaches it.
 */
export async function importBank(
  db: Db,
  content: { items: readonly BankImportItem[]; forms: readonly BankImportForm[] },
  at: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    await bankRepo.insertActiveItems(tx, content.items, at);
    const pool: PoolItem[] = content.items.map((item) => ({
      itemId: item.itemId,
      itemVersionId: item.versionId,
      domain: item.content.domain,
      ageBand: item.content.ageBand,
    }));
    for (const { endorsement, name, seed } of content.forms) {
      const blueprint = defaultBlueprints[endorsement];
      const items = assembleForm({ endorsement, blueprint, pool, seed });
      const form = await formsRepo.insertForm(tx, {
        endorsement,
        name,
        status: 'active',
        blueprint,
        seed,
        createdBy: null,
        at,
      });
      await formsRepo.insertFormItems(tx, form.id, items);
    }
  });
}
