import { createHash } from 'node:crypto';
import { examEndorsements } from '@exam/shared/domain';
import type { Db } from '../db/client.js';
import { systemClock } from '../lib/clock.js';
import { importBank } from '../modules/bank/index.js';
import { demoBankItems, demoFormSeeds } from './bank/index.js';

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
  await importBank(
    db,
    {
      items: demoBankItems.map((item, i) => ({
        itemId: demoUuid(`item:${i}`),
        versionId: demoUuid(`item:${i}:v1`),
        content: {
          stem: item.stem,
          options: [...item.options],
          keyIndex: item.key,
          shuffle: true,
          fixedOptions: [],
          domain: item.domain,
          ageBand: item.ageBand,
        },
      })),
      forms: examEndorsements.map((endorsement) => ({
        endorsement,
        name: demoFormNames[endorsement],
        seed: demoFormSeeds[endorsement],
      })),
    },
    systemClock.now(),
  );
}
