import { randomInt, randomUUID } from 'node:crypto';
import type { DbOrTx } from '../../db/client.js';
import * as benchmarksRepo from './benchmarks.repo.js';
import * as calibrationRepo from './calibration.repo.js';
import { newResponseCode, queueOrderKey } from './codes.js';
import * as qualificationRepo from './qualification.repo.js';
import * as seedsRepo from './seeds.repo.js';

/**
 * Seeds a benchmark into a grader's live queue when the queue is due one: one in every
 * `seedEvery` entries. Called by routing right after it gives the grader a live first reading,
 * inside that transaction, so the seed arrives with live work and sits at a pseudo-random place
 * in the queue (its order key is drawn like a live one). A benchmark the grader has seen (in a
 * qualification set or as an earlier seed) is not used again; with none left, no seed.
 */
export async function topUpSeeds(
  tx: DbOrTx,
  at: Date,
  graderId: string,
  rubricId: string,
): Promise<void> {
  const settings = await calibrationRepo.readSettings(tx);
  const [live, seeds] = await Promise.all([
    seedsRepo.liveReadingCount(tx, graderId),
    seedsRepo.seedsOf(tx, graderId),
  ]);
  if (live + seeds.length < (seeds.length + 1) * settings.seedEvery - 1) return;
  const rounds = await qualificationRepo.roundsOf(tx, graderId, rubricId);
  const seen = new Set([
    ...seeds.map((s) => s.benchmarkId),
    ...rounds.flatMap((r) => r.benchmarkIds),
  ]);
  const unseen = (await benchmarksRepo.activeBenchmarksOf(tx, rubricId)).filter(
    (b) => !seen.has(b.id),
  );
  const benchmark = unseen[randomInt(Math.max(unseen.length, 1))];
  if (!benchmark) return;
  const id = randomUUID();
  for (let tries = 0; tries < 5; tries += 1) {
    const code = newResponseCode();
    if (await seedsRepo.liveCodeExists(tx, code)) continue;
    const inserted = await seedsRepo.insertSeed(tx, {
      id,
      code,
      graderId,
      benchmarkId: benchmark.id,
      orderKey: queueOrderKey(graderId, id),
      assignedAt: at,
    });
    if (inserted) return;
  }
  throw new Error('could not allocate a seed code');
}
