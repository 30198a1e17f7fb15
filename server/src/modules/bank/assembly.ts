import { createHash } from 'node:crypto';
import type { Blueprint } from '@exam/shared/api';
import {
  ageBandLabels,
  domainAgeBandLabel,
  type AgeBand,
  type CompetencyDomain,
  type ExamEndorsement,
} from '@exam/shared/domain';
import { AppError } from '../../lib/app-error.js';

/** An item assembly may draw: the newest published version of an active item. */
export interface PoolItem {
  itemId: string;
  itemVersionId: string;
  domain: CompetencyDomain;
  ageBand: AgeBand;
}

export interface AssembledItem extends PoolItem {
  position: number;
}

/** IMH-E candidates are examined on pregnancy through age 3 only (domain brief). */
export const bandsByEndorsement: Record<ExamEndorsement, readonly AgeBand[]> = {
  'IMH-E': ['prenatal', '0-3'],
  'ECMH-E': ['prenatal', '0-3', '3-6'],
};

type Row = [CompetencyDomain, number, number, number];
function blueprintFrom(rows: Row[]): Blueprint {
  const bands: AgeBand[] = ['prenatal', '0-3', '3-6'];
  return {
    cells: rows.flatMap(([domain, ...counts]) =>
      counts.flatMap((count, i) => (count > 0 ? [{ domain, ageBand: bands[i]!, count }] : [])),
    ),
  };
}

/**
 * 60 items each, weighted as the brief describes Part One: mostly direct service, then
 * reflection and thinking (RSC), with a few each on policy, systems and research.
 * Columns: prenatal, 0-3, 3-6.
 */
export const defaultBlueprints: Record<ExamEndorsement, Blueprint> = {
  'IMH-E': blueprintFrom([
    ['direct-service-skills', 5, 11, 0],
    ['theoretical-foundations', 3, 5, 0],
    ['reflection', 2, 4, 0],
    ['thinking', 2, 3, 0],
    ['working-with-others', 2, 3, 0],
    ['communicating', 1, 3, 0],
    ['systems-expertise', 1, 3, 0],
    ['law-regulation-policy', 1, 3, 0],
    ['administration', 1, 3, 0],
    ['research-evaluation', 1, 3, 0],
  ]),
  'ECMH-E': blueprintFrom([
    ['direct-service-skills', 2, 5, 9],
    ['theoretical-foundations', 1, 3, 4],
    ['reflection', 1, 2, 3],
    ['thinking', 1, 1, 3],
    ['working-with-others', 0, 2, 3],
    ['communicating', 0, 1, 3],
    ['systems-expertise', 0, 1, 3],
    ['law-regulation-policy', 0, 1, 3],
    ['administration', 0, 1, 3],
    ['research-evaluation', 0, 1, 3],
  ]),
};

/**
 * A small seeded generator (sfc32, state from SHA-256 of the seed): the same seed gives the
 * same sequence on every platform and Node version, which Math.random cannot promise.
 */
export function seededRandom(seed: string): () => number {
  const digest = createHash('sha256').update(seed).digest();
  let a = digest.readUInt32LE(0);
  let b = digest.readUInt32LE(4);
  let c = digest.readUInt32LE(8);
  let d = digest.readUInt32LE(12);
  return () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4_294_967_296;
  };
}

function shuffle<T>(values: T[], random: () => number): T[] {
  for (let i = values.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [values[i], values[j]] = [values[j]!, values[i]!];
  }
  return values;
}

// The shared schema refuses repeated cells; merging here keeps the pure function safe on its own
// (a repeated cell drawn twice could otherwise pick the same item twice).
function mergeCells(blueprint: Blueprint): Blueprint['cells'] {
  const merged = new Map<string, Blueprint['cells'][number]>();
  for (const cell of blueprint.cells) {
    const key = `${cell.domain}|${cell.ageBand}`;
    const seen = merged.get(key);
    merged.set(key, { ...cell, count: (seen?.count ?? 0) + cell.count });
  }
  return [...merged.values()];
}

export interface Shortfall {
  domain: CompetencyDomain;
  ageBand: AgeBand;
  needed: number;
  available: number;
}

/**
 * Draws a form from the pool: `count` distinct items per blueprint cell, then shuffles the whole
 * form so domains are interleaved. Pure and deterministic: the pool is sorted before drawing,
 * so the same pool, blueprint and seed give the same form whatever order the rows came in.
 * Throws BLUEPRINT_INVALID for an age band the endorsement does not examine, and
 * BANK_INSUFFICIENT (naming every short cell) when the bank cannot fill the blueprint.
 */
export function assembleForm(input: {
  endorsement: ExamEndorsement;
  blueprint: Blueprint;
  pool: readonly PoolItem[];
  seed: string;
}): AssembledItem[] {
  const allowed = bandsByEndorsement[input.endorsement];
  const outOfScope = input.blueprint.cells.filter((cell) => !allowed.includes(cell.ageBand));
  if (outOfScope.length > 0) {
    throw new AppError(
      'BLUEPRINT_INVALID',
      `${input.endorsement} forms draw only ${allowed.map((b) => ageBandLabels[b]).join(' and ')} ` +
        'items; the blueprint asks for ' +
        `${outOfScope.map((c) => `${c.count} in ${domainAgeBandLabel(c.domain, c.ageBand)}`).join('; ')}.`,
      422,
      { cells: outOfScope },
    );
  }
  if (new Set(input.pool.map((p) => p.itemId)).size !== input.pool.length) {
    throw new Error('assembleForm: the pool must hold at most one version per item');
  }

  const random = seededRandom(`${input.endorsement}\u0000${input.seed}`);
  const sorted = [...input.pool].sort((x, y) => (x.itemVersionId < y.itemVersionId ? -1 : 1));
  const shortfalls: Shortfall[] = [];
  const drawn: PoolItem[] = [];
  for (const { domain, ageBand, count } of mergeCells(input.blueprint)) {
    const candidates = sorted.filter((p) => p.domain === domain && p.ageBand === ageBand);
    if (candidates.length < count) {
      shortfalls.push({ domain, ageBand, needed: count, available: candidates.length });
      continue;
    }
    drawn.push(...shuffle(candidates, random).slice(0, count));
  }
  if (shortfalls.length > 0) {
    throw new AppError(
      'BANK_INSUFFICIENT',
      'The bank has too few active items for this blueprint: ' +
        shortfalls
          .map(
            (s) =>
              `${domainAgeBandLabel(s.domain, s.ageBand)} needs ${s.needed}, has ${s.available}`,
          )
          .join('; ') +
        '.',
      409,
      { shortfalls },
    );
  }
  return shuffle(drawn, random).map((item, i) => ({ ...item, position: i + 1 }));
}
