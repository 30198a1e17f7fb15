/**
 * Writes the reference response matrix item analysis is checked against (R's psych::alpha reads
 * the same files). Deterministic: a seeded mulberry32 PRNG, no Math.random, so re-running this
 * script reproduces the committed CSVs byte for byte.
 *
 * Model: Rasch. Candidate ability θ ~ N(0, 1); item j's difficulty b_j is evenly spaced over
 * [−2.5, 2.5]; P(correct) = 1 / (1 + exp(−(θ − b_j))). A wrong answer picks a distractor with
 * weights 0.5 / 0.3 / 0.2, and 2% of answers are omitted. The last item is deliberately miskeyed
 * (the recorded key is the least attractive distractor), so the flags have something to find.
 *
 * Run: npx tsx test/reference/simulate-responses.ts
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CANDIDATES = 400;
export const ITEMS = 60;
const OMIT_RATE = 0.02;
const DOMAINS = ['theoretical-foundations', 'direct-service-skills', 'reflection', 'thinking'];

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The simulated items and the candidates' chosen options (−1 = omitted). */
export function simulate(seed = 20261204) {
  const random = mulberry32(seed);
  const normal = () => {
    const u = 1 - random();
    const v = random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const items = Array.from({ length: ITEMS }, (_, j) => {
    const modelKey = j % 4;
    const distractors = [0, 1, 2, 3].filter((o) => o !== modelKey);
    return {
      difficulty: -2.5 + (5 * j) / (ITEMS - 1),
      modelKey,
      distractors,
      // The miskeyed item records its least attractive distractor as the key.
      key: j === ITEMS - 1 ? (distractors[2] as number) : modelKey,
      domain: DOMAINS[j % DOMAINS.length] as string,
    };
  });
  const choices: number[][] = [];
  for (let c = 0; c < CANDIDATES; c += 1) {
    const theta = normal();
    choices.push(
      items.map((item) => {
        if (random() < OMIT_RATE) return -1;
        if (random() < 1 / (1 + Math.exp(-(theta - item.difficulty)))) return item.modelKey;
        const u = random();
        return item.distractors[u < 0.5 ? 0 : u < 0.8 ? 1 : 2] as number;
      }),
    );
  }
  return { items, choices };
}

const letters = ['A', 'B', 'C', 'D'];

function main() {
  const here = dirname(fileURLToPath(import.meta.url));
  const { items, choices } = simulate();
  const header = items.map((_, j) => `i${String(j + 1).padStart(2, '0')}`);
  const rows = choices.map((row) => row.map((o) => (o < 0 ? '' : letters[o])).join(','));
  writeFileSync(
    join(here, 'item-analysis-responses.csv'),
    [header.join(','), ...rows, ''].join('\n'),
  );
  writeFileSync(
    join(here, 'item-analysis-items.csv'),
    [
      'item,key,domain,difficulty',
      ...items.map(
        (item, j) =>
          `${header[j]},${letters[item.key]},${item.domain},${item.difficulty.toFixed(6)}`,
      ),
      '',
    ].join('\n'),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
