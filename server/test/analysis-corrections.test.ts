import { describe, expect, it } from 'vitest';
import {
  keepColumns,
  pooledCorrections,
  withVoided,
} from '../src/modules/analysis/analysis-corrections.js';
import { analyseItems, type ResponseMatrix } from '../src/modules/analysis/index.js';

describe('corrections in item analysis', () => {
  it('pools a correction all sittings share; a void anywhere or differing keys pool as void', () => {
    const bySitting = new Map([
      [
        's1',
        [
          { position: 1, kind: 'rekey' as const, keyIndex: 2 },
          { position: 2, kind: 'rekey' as const, keyIndex: 1 },
          { position: 3, kind: 'void' as const, keyIndex: null },
        ],
      ],
      [
        's2',
        [
          { position: 1, kind: 'rekey' as const, keyIndex: 2 },
          { position: 2, kind: 'rekey' as const, keyIndex: 3 },
        ],
      ],
    ]);
    const pooled = pooledCorrections(bySitting, ['s1', 's2']);
    expect(pooled.sort((a, b) => a.position - b.position)).toEqual([
      { position: 1, kind: 'rekey', keyIndex: 2 },
      { position: 2, kind: 'void', keyIndex: null },
      { position: 3, kind: 'void', keyIndex: null },
    ]);
    // One sitting alone keeps its own corrections.
    expect(pooledCorrections(bySitting, ['s2'])).toEqual(bySitting.get('s2'));
  });

  it('drops voided columns from the scored matrix and puts them back unflagged in the table', () => {
    const items = [0, 1, 2].map(() => ({ keyIndex: 0, domain: 'd' }));
    // Three candidates × three items; item 2 (index 1) is voided.
    const matrix: ResponseMatrix = {
      candidates: 3,
      items,
      choices: Int8Array.from([0, 1, 0, 0, 0, 1, 1, 0, 1]),
    };
    const kept = [0, 2];
    const scored = keepColumns(matrix, kept);
    expect(Array.from(scored.choices)).toEqual([0, 0, 0, 1, 1, 1]);
    const counted = analyseItems(scored, 1);
    expect(counted.test.items).toBe(2);
    const table = withVoided(counted, kept, analyseItems(matrix, 1));
    expect(table.map((f) => f.index)).toEqual([0, 1, 2]);
    expect(table[1]).toMatchObject({ p: 2 / 3, itemRest: null, alphaIfDeleted: null, flags: [] });
    expect(table[2]!.p).toBe(counted.items[1]!.p);
  });
});
