import type { DbOrTx } from '../../db/client.js';
import type { AuditService } from '../audit/index.js';
import { agreementOf, type RatingPair } from './agreement.js';
import * as benchmarksRepo from './benchmarks.repo.js';
import * as calibrationRepo from './calibration.repo.js';
import * as qualificationRepo from './qualification.repo.js';
import * as seedsRepo from './seeds.repo.js';
import type { SeedRow } from './seeds.repo.js';

const percentOf = (share: number | null) => Math.floor((share ?? 0) * 100 + 1e-9);

/** (the grader's level, the agreed level) for every criterion of these submitted seeds. */
export async function seedPairs(db: DbOrTx, seeds: readonly SeedRow[]): Promise<RatingPair[]> {
  const benchmarks = await benchmarksRepo.benchmarksByIds(db, [
    ...new Set(seeds.map((s) => s.benchmarkId)),
  ]);
  const byId = new Map(benchmarks.map((b) => [b.id, b]));
  const pairs: RatingPair[] = [];
  for (const seed of seeds) {
    const agreed = byId.get(seed.benchmarkId)?.agreed ?? {};
    for (const [criterionId, { level }] of Object.entries(agreed)) {
      const mine = seed.scores[criterionId]?.level;
      if (typeof mine === 'number') pairs.push({ mine, other: level });
    }
  }
  return pairs;
}

/**
 * After a seed is submitted: the grader's agreement with the agreed levels over their last
 * `seedWindow` seeds. Once at least `seedMinimum` are in, falling below either threshold pauses
 * the grader from live scoring, takes back their open work, and leaves the coordinator a
 * notification. True when this call paused them.
 */
export async function judgeSeeds(
  tx: DbOrTx,
  context: { graderId: string; at: Date; audit: Pick<AuditService, 'append'> },
): Promise<boolean> {
  const { graderId, at } = context;
  const settings = await calibrationRepo.readSettings(tx);
  const window = await seedsRepo.recentSubmittedSeeds(tx, graderId, settings.seedWindow);
  if (window.length < settings.seedMinimum) return false;
  if ((await qualificationRepo.pausedGraders(tx)).has(graderId)) return false;
  const agreement = agreementOf(await seedPairs(tx, window));
  const exactPercent = percentOf(agreement.exact);
  const adjacentPercent = percentOf(agreement.adjacent);
  if (exactPercent >= settings.seedExactPercent && adjacentPercent >= settings.seedAdjacentPercent)
    return false;
  const details = {
    seeds: window.length,
    exactPercent,
    adjacentPercent,
    thresholds: { exact: settings.seedExactPercent, adjacent: settings.seedAdjacentPercent },
  };
  await qualificationRepo.insertPause(tx, {
    graderId,
    reason: 'seed-agreement',
    details,
    pausedAt: at,
  });
  const released = await seedsRepo.releaseOpenWork(tx, graderId);
  await qualificationRepo.notify(tx, {
    kind: 'grader.paused',
    graderId,
    message: `A grader fell below the agreement threshold with seeded responses (${exactPercent}% exact, ${adjacentPercent}% adjacent over ${window.length} seeds) and is paused: review their recent scores.`,
    createdAt: at,
  });
  await context.audit.append(tx, {
    actorId: null,
    action: 'grading.grader_paused',
    subjectType: 'user',
    subjectId: graderId,
    details: { ...details, releasedReadings: released },
  });
  return true;
}
