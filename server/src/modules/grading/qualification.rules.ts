import {
  qualificationRoundViewSchema,
  type GraderQualificationRow,
  type QualificationDifference,
  type QualificationRoundView,
  type QualificationState,
} from '@exam/shared/api';
import { randomInt } from 'node:crypto';
import { AppError } from '../../lib/app-error.js';
import { agreementOf, type RatingPair } from './agreement.js';
import type { BenchmarkRow } from './benchmarks.repo.js';
import type { CalibrationRow } from './calibration.repo.js';
import { responseHtmlOf } from './benchmarks.service.js';
import type { QualificationRow, RoundRow } from './qualification.repo.js';
import type { GraderRow } from './graders.repo.js';
import type { RubricRow } from './rubrics.repo.js';

// The qualification's rules without the database: a grader's standing, which benchmarks a set
// holds, how a finished set scores and what the grader sees of it.

const percentOf = (share: number | null) => Math.floor((share ?? 0) * 100 + 1e-9);

/**
 * A grader's standing for one rubric version, from their qualification row and their rounds.
 * Rounds count from the last decision, so a qualification that ran out starts afresh.
 */
export function standingOf(
  qualification: QualificationRow | undefined,
  rounds: readonly RoundRow[],
  now: Date,
): { state: QualificationState; round: RoundRow | undefined } {
  const since = qualification?.decidedAt.getTime() ?? -Infinity;
  const recent = rounds.filter((r) => r.startedAt.getTime() >= since);
  const last = recent.at(-1) ?? rounds.at(-1);
  if (qualification?.qualified) {
    const live = !qualification.expiresAt || qualification.expiresAt > now;
    if (live) return { state: 'qualified', round: last };
  } else if (qualification) {
    return { state: 'not-qualified', round: last };
  }
  if (recent.some((r) => r.status === 'open')) return { state: 'in-progress', round: last };
  const failed = recent.filter((r) => r.status === 'failed').length;
  if (failed >= 2) return { state: 'awaiting-decision', round: last };
  if (failed === 1) return { state: 'retry', round: last };
  return { state: qualification ? 'expired' : 'not-started', round: last };
}

/** Fisher-Yates with the crypto generator: which benchmarks a set holds is not guessable. */
function shuffled<T>(list: readonly T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * The benchmarks a new set may hold. A retry after a failed set takes only benchmarks this grader
 * has not seen: the failed set's feedback showed the agreed level, and why, wherever theirs
 * differed, so a benchmark seen again would measure memory rather than rating. A first set, or
 * one after a qualification ran out, may reuse seen benchmarks once the unseen ones run short.
 */
export function drawablePool(
  pool: readonly BenchmarkRow[],
  earlier: readonly RoundRow[],
  state: QualificationState,
): readonly BenchmarkRow[] {
  if (state !== 'retry') return pool;
  const seen = new Set(earlier.flatMap((r) => r.benchmarkIds));
  return pool.filter((b) => !seen.has(b.id));
}

/** A set of `size` benchmarks; those not seen in earlier rounds first. */
export function pickSet(
  pool: readonly BenchmarkRow[],
  earlier: readonly RoundRow[],
  size: number,
): string[] {
  const seen = new Set(earlier.flatMap((r) => r.benchmarkIds));
  const fresh = shuffled(pool.filter((b) => !seen.has(b.id)));
  const reused = shuffled(pool.filter((b) => seen.has(b.id)));
  return [...fresh, ...reused].slice(0, size).map((b) => b.id);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** When a qualification decided at `at` (a passed set, a coordinator's yes) runs out. */
export function qualificationExpiry(at: Date, settings: CalibrationRow): Date {
  return new Date(at.getTime() + settings.qualificationValidDays * DAY_MS);
}

/** The grader's levels against the agreed ones; every criterion of every response must be chosen. */
export function scoreSet(
  round: RoundRow,
  rubric: RubricRow,
  rows: readonly BenchmarkRow[],
): { exactPercent: number; adjacentPercent: number } {
  const pairs: RatingPair[] = [];
  const missing: number[] = [];
  round.benchmarkIds.forEach((id, index) => {
    const benchmark = rows.find((b) => b.id === id);
    for (const c of rubric.criteria) {
      const mine = round.levels[id]?.[c.id];
      const agreed = benchmark?.agreed[c.id]?.level;
      if (typeof mine !== 'number') missing.push(index + 1);
      else if (typeof agreed === 'number') pairs.push({ mine, other: agreed });
    }
  });
  if (missing.length > 0)
    throw new AppError(
      'SHEET_INCOMPLETE',
      `Choose a level for every criterion of response ${[...new Set(missing)].join(', ')}.`,
      400,
    );
  const agreement = agreementOf(pairs);
  return {
    exactPercent: percentOf(agreement.exact),
    adjacentPercent: percentOf(agreement.adjacent),
  };
}

/** What the grader sees of a set: the responses, their levels and, once finished, the result. */
export function roundViewOf(
  round: RoundRow,
  rubric: RubricRow,
  rows: readonly BenchmarkRow[],
): QualificationRoundView {
  const byId = new Map(rows.map((b) => [b.id, b]));
  const finished = round.status !== 'open';
  const differences: QualificationDifference[] = [];
  const responses = round.benchmarkIds.map((id, index) => {
    const benchmark = byId.get(id);
    if (!benchmark) throw new Error(`benchmark ${id} vanished`);
    const chosen = round.levels[id] ?? {};
    for (const c of rubric.criteria) {
      const yours = chosen[c.id];
      const agreed = benchmark.agreed[c.id];
      if (finished && agreed && typeof yours === 'number' && yours !== agreed.level)
        differences.push({
          position: index + 1,
          criterionId: c.id,
          criterionTitle: c.title,
          yours,
          agreed: agreed.level,
          rationale: agreed.rationale,
        });
    }
    return {
      position: index + 1,
      vignette: benchmark.vignette,
      responseHtml: responseHtmlOf(benchmark.responseDoc),
      words: benchmark.words,
      levels: rubric.criteria.map((c) => ({ criterionId: c.id, level: chosen[c.id] ?? null })),
    };
  });
  return qualificationRoundViewSchema.parse({
    id: round.id,
    variant: round.variant,
    round: round.round,
    status: round.status,
    rubric: {
      version: rubric.version,
      title: rubric.title,
      criteria: rubric.criteria,
      passingRule: rubric.passingRule,
    },
    responses,
    result: finished
      ? {
          exactPercent: round.exactPercent ?? 0,
          adjacentPercent: round.adjacentPercent ?? 0,
          qualified: round.status === 'passed',
          differences,
        }
      : null,
  });
}

/** The coordinator's table: each grader and variant, on the variant's latest rubric. */
export function overviewRows(input: {
  users: readonly { id: string; displayName: string }[];
  graderRows: readonly GraderRow[];
  quals: readonly QualificationRow[];
  rounds: readonly RoundRow[];
  rubrics: readonly RubricRow[];
  now: Date;
}): GraderQualificationRow[] {
  const { users, graderRows, quals, rounds, rubrics, now } = input;
  const names = new Map(users.map((u) => [u.id, u.displayName]));
  const latest = new Map<string, (typeof rubrics)[number]>();
  for (const r of rubrics)
    if ((latest.get(r.variant)?.version ?? 0) < r.version) latest.set(r.variant, r);
  const out: GraderQualificationRow[] = [];
  for (const grader of graderRows) {
    if (!names.has(grader.userId)) continue;
    for (const variant of [...grader.variants].sort()) {
      const rubric = latest.get(variant);
      if (!rubric) continue;
      const q = quals.find((x) => x.graderId === grader.userId && x.rubricId === rubric.id);
      const own = rounds.filter((r) => r.graderId === grader.userId && r.rubricId === rubric.id);
      out.push({
        graderId: grader.userId,
        displayName: names.get(grader.userId) ?? '',
        variant: variant as GraderQualificationRow['variant'],
        rubricVersion: rubric.version,
        state: standingOf(q, own, now).state,
        expiresAt: q?.qualified && q.expiresAt ? q.expiresAt.toISOString() : null,
        rounds: own.map((r) => ({
          round: r.round,
          status: r.status as 'open' | 'passed' | 'failed',
          exactPercent: r.exactPercent,
          adjacentPercent: r.adjacentPercent,
        })),
        note: q?.note ?? '',
      });
    }
  }
  return out.sort(
    (a, b) => a.displayName.localeCompare(b.displayName) || a.variant.localeCompare(b.variant),
  );
}
