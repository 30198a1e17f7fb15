import { createHash } from 'node:crypto';
import { examEndorsements } from '@exam/shared/domain';
import type { Db } from '../../db/client.js';
import { bankItems, bankItemVersions } from '../../db/schema/index.js';
import { demoBankItems, demoFormSeeds } from '../../seed/bank/index.js';
import { assembleForm, defaultBlueprints, type PoolItem } from './assembly.js';
import * as formsRepo from './forms.repo.js';

/**
 * A UUID derived from a name, so a fresh demo database always holds the same ids and (with the
 * fixed seeds) the same forms: a demo or test can be replayed exactly.
 */
function demoUuid(name: string): string {
  const hex = createHash('sha256').update(`demo-bank:${name}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const demoFormNames = {
  'IMH-E': 'IMH-E Part One, demo form A',
  'ECMH-E': 'ECMH-E Part One, demo form A',
} as const;

/**
 * Inserts the demo bank (every item active at version 1) and one active 60-item form per
 * exam endorsement. For an empty database only: it does not check for an existing bank.
 */
export async function seedBank(db: Db): Promise<void> {
  const at = new Date();
  const rows = demoBankItems.map((item, i) => ({
    itemId: demoUuid(`item:${i}`),
    versionId: demoUuid(`item:${i}:v1`),
    item,
  }));
  await db.transaction(async (tx) => {
    await tx.insert(bankItems).values(
      rows.map((r) => ({
        id: r.itemId,
        status: 'active' as const,
        createdAt: at,
        updatedAt: at,
      })),
    );
    await tx.insert(bankItemVersions).values(
      rows.map(({ itemId, versionId, item }) => ({
        id: versionId,
        itemId,
        version: 1,
        stem: item.stem,
        options: [...item.options],
        keyIndex: item.key,
        domain: item.domain,
        ageBand: item.ageBand,
        createdAt: at,
        updatedAt: at,
        publishedAt: at,
      })),
    );
    const pool: PoolItem[] = rows.map((r) => ({
      itemId: r.itemId,
      itemVersionId: r.versionId,
      domain: r.item.domain,
      ageBand: r.item.ageBand,
    }));
    for (const endorsement of examEndorsements) {
      const blueprint = defaultBlueprints[endorsement];
      const seed = demoFormSeeds[endorsement];
      const items = assembleForm({ endorsement, blueprint, pool, seed });
      const form = await formsRepo.insertForm(tx, {
        endorsement,
        name: demoFormNames[endorsement],
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
