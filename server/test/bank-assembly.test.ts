import { describe, expect, it } from 'vitest';
import { bankItemContentSchema, type Blueprint } from '@exam/shared/api';
import { ageBands, competencyDomains, examEndorsements } from '@exam/shared/domain';
import { AppError } from '../src/lib/app-error.js';
import {
  assembleForm,
  defaultBlueprints,
  type AssembledItem,
  type PoolItem,
} from '../src/modules/bank/index.js';
import { demoBankItems } from '../src/seed/bank/index.js';

/** The demo bank as a pool, with stable ids so runs are comparable. */
const demoPool: PoolItem[] = demoBankItems.map((item, i) => ({
  itemId: `item-${String(i).padStart(3, '0')}`,
  itemVersionId: `version-${String(i).padStart(3, '0')}`,
  domain: item.domain,
  ageBand: item.ageBand,
}));

function cellCounts(items: readonly { domain: string; ageBand: string }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const key = `${item.domain}|${item.ageBand}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function assembleError(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('default blueprints', () => {
  it('ask for 60 items per endorsement, and none from 3-6 for IMH-E', () => {
    for (const endorsement of examEndorsements) {
      const total = defaultBlueprints[endorsement].cells.reduce((sum, c) => sum + c.count, 0);
      expect(total).toBe(60);
    }
    expect(defaultBlueprints['IMH-E'].cells.some((c) => c.ageBand === '3-6')).toBe(false);
    expect(defaultBlueprints['ECMH-E'].cells.some((c) => c.ageBand === '3-6')).toBe(true);
  });

  it('weight direct service most heavily and cover every domain', () => {
    for (const endorsement of examEndorsements) {
      const perDomain = new Map<string, number>();
      for (const cell of defaultBlueprints[endorsement].cells) {
        perDomain.set(cell.domain, (perDomain.get(cell.domain) ?? 0) + cell.count);
      }
      expect([...perDomain.keys()].sort()).toEqual([...competencyDomains].sort());
      const most = Math.max(...perDomain.values());
      expect(perDomain.get('direct-service-skills')).toBe(most);
    }
  });
});

describe('assembleForm', () => {
  it('honours the count of every (domain, age band) cell and numbers positions 1..N', () => {
    for (const endorsement of examEndorsements) {
      const blueprint = defaultBlueprints[endorsement];
      const form = assembleForm({ endorsement, blueprint, pool: demoPool, seed: 's1' });
      expect(form).toHaveLength(60);
      expect(form.map((i) => i.position)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
      const counts = cellCounts(form);
      for (const cell of blueprint.cells) {
        expect(counts.get(`${cell.domain}|${cell.ageBand}`), `${cell.domain} ${cell.ageBand}`).toBe(
          cell.count,
        );
      }
      expect(new Set(form.map((i) => i.itemId)).size).toBe(60);
    }
  });

  it('draws no 3-6 items into an IMH-E form, and refuses a blueprint that asks for them', () => {
    const form = assembleForm({
      endorsement: 'IMH-E',
      blueprint: defaultBlueprints['IMH-E'],
      pool: demoPool,
      seed: 'any',
    });
    expect(form.filter((i) => i.ageBand === '3-6')).toEqual([]);

    const error = assembleError(() =>
      assembleForm({
        endorsement: 'IMH-E',
        blueprint: { cells: [{ domain: 'thinking', ageBand: '3-6', count: 2 }] },
        pool: demoPool,
        seed: 'any',
      }),
    );
    expect(error.code).toBe('BLUEPRINT_INVALID');
    expect(error.message).toBe(
      'IMH-E forms draw only Prenatal and Birth to 3 items; the blueprint asks for 2 in Thinking, 3 to 6.',
    );
  });

  it('is deterministic for a seed, whatever order the pool arrives in', () => {
    const input = { endorsement: 'ECMH-E' as const, blueprint: defaultBlueprints['ECMH-E'] };
    const first = assembleForm({ ...input, pool: demoPool, seed: 'spring-2027' });
    const reversed = assembleForm({ ...input, pool: [...demoPool].reverse(), seed: 'spring-2027' });
    expect(reversed).toEqual(first);
    const other = assembleForm({ ...input, pool: demoPool, seed: 'autumn-2027' });
    const ids = (form: AssembledItem[]) => form.map((i) => i.itemVersionId);
    expect(ids(other)).not.toEqual(ids(first));
  });

  it('interleaves domains rather than grouping them', () => {
    const form = assembleForm({
      endorsement: 'ECMH-E',
      blueprint: defaultBlueprints['ECMH-E'],
      pool: demoPool,
      seed: 'mix',
    });
    const firstTen = new Set(form.slice(0, 10).map((i) => i.domain));
    expect(firstTen.size).toBeGreaterThan(2);
  });

  it('names every cell the bank cannot fill', () => {
    const blueprint: Blueprint = {
      cells: [
        { domain: 'administration', ageBand: 'prenatal', count: 50 },
        { domain: 'thinking', ageBand: '0-3', count: 1 },
        { domain: 'reflection', ageBand: '3-6', count: 40 },
      ],
    };
    const error = assembleError(() =>
      assembleForm({ endorsement: 'ECMH-E', blueprint, pool: demoPool, seed: 'x' }),
    );
    expect(error.code).toBe('BANK_INSUFFICIENT');
    expect(error.status).toBe(409);
    expect(error.message).toMatch(/Administration, Prenatal needs 50, has \d+/);
    expect(error.message).toMatch(/Reflection, 3 to 6 needs 40, has \d+/);
    expect(error.details).toEqual({
      shortfalls: [
        expect.objectContaining({ domain: 'administration', ageBand: 'prenatal', needed: 50 }),
        expect.objectContaining({ domain: 'reflection', ageBand: '3-6', needed: 40 }),
      ],
    });
  });

  it('fails on an empty bank rather than producing a short form', () => {
    const error = assembleError(() =>
      assembleForm({
        endorsement: 'IMH-E',
        blueprint: defaultBlueprints['IMH-E'],
        pool: [],
        seed: 'x',
      }),
    );
    expect(error.code).toBe('BANK_INSUFFICIENT');
  });
});

describe('demo bank content', () => {
  it('holds at least 150 valid, distinct items', () => {
    expect(demoBankItems.length).toBeGreaterThanOrEqual(150);
    for (const item of demoBankItems) {
      const { key, ...content } = item;
      const parsed = bankItemContentSchema.safeParse({ ...content, keyIndex: key });
      expect(parsed.success, item.stem).toBe(true);
    }
    expect(new Set(demoBankItems.map((i) => i.stem)).size).toBe(demoBankItems.length);
  });

  it('covers every domain and age band with room for both blueprints', () => {
    const available = cellCounts(demoBankItems);
    for (const domain of competencyDomains) {
      for (const ageBand of ageBands) {
        expect(available.get(`${domain}|${ageBand}`) ?? 0, `${domain} ${ageBand}`).toBeGreaterThan(
          0,
        );
      }
    }
    for (const endorsement of examEndorsements) {
      for (const cell of defaultBlueprints[endorsement].cells) {
        const have = available.get(`${cell.domain}|${cell.ageBand}`) ?? 0;
        // Slack, so successive forms can differ.
        expect(have, `${endorsement} ${cell.domain} ${cell.ageBand}`).toBeGreaterThan(cell.count);
      }
    }
  });

  it('spreads the keys across the four positions', () => {
    const perKey = [0, 0, 0, 0];
    for (const item of demoBankItems) perKey[item.key]! += 1;
    for (const count of perKey) expect(count).toBeGreaterThan(demoBankItems.length * 0.18);
  });
});
