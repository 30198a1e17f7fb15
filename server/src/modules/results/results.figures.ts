import type { AgreementFigures, ScoreDistribution } from '@exam/shared/api';
import { agreementOf, type RatingPair } from '../grading/index.js';
import type { CandidateOutcome } from './results.compute.js';
import type { SittingData } from './results.data.js';

/** Part One raw scores in bins of (about) a twelfth of the form, with the pass mark named. */
export function partOneDistribution(outcomes: readonly CandidateOutcome[]): ScoreDistribution {
  const scores = outcomes.flatMap((o) => (o.row.partOne ? [o.row.partOne] : []));
  const total = Math.max(1, ...scores.map((s) => s.total));
  const width = Math.max(1, Math.ceil((total + 1) / 12));
  const bins: ScoreDistribution['bins'] = [];
  for (let from = 0; from <= total; from += width) {
    const to = Math.min(total, from + width - 1);
    bins.push({
      label: from === to ? `${from}` : `${from}–${to}`,
      count: scores.filter((s) => s.correct >= from && s.correct <= to).length,
    });
  }
  const cut = scores[0];
  return {
    title: 'Part One: questions answered correctly',
    unit: 'candidates',
    bins,
    note: cut
      ? `Pass mark: ${cut.cutScore} of ${cut.total}. ${scores.length} candidate(s) scored.`
      : 'No Part One has been scored yet.',
  };
}

/** Final totals of Part Two responses as a share of their rubric's maximum, in tenths. */
export function partTwoDistribution(outcomes: readonly CandidateOutcome[]): ScoreDistribution {
  const shares = outcomes.flatMap((o) =>
    o.row.partTwo.responses.flatMap((r) => (r.total === null ? [] : [r.total / r.max])),
  );
  const bins = Array.from({ length: 10 }, (_, tenth) => ({
    label: tenth === 9 ? '90–100%' : `${tenth * 10}–${tenth * 10 + 9}%`,
    count: shares.filter((s) => Math.min(9, Math.floor(s * 10 + 1e-9)) === tenth).length,
  }));
  return {
    title: 'Part Two: final score of each response, as a share of the rubric maximum',
    unit: 'responses',
    bins,
    note: `${shares.length} response(s) with a final score.`,
  };
}

interface DoubleReading {
  first: string;
  second: string;
  pairs: { first: number; second: number }[];
}

/** Every response both first readers have submitted, as level pairs per criterion. */
function doubleReadings(data: SittingData): DoubleReading[] {
  return data.items.flatMap(({ readings, rubric }) => {
    const [a, b] = readings.filter((r) => r.role === 'reader' && r.status === 'submitted');
    if (!a || !b) return [];
    const pairs = rubric.criteria.flatMap((c) => {
      const first = a.scores[c.id]?.level;
      const second = b.scores[c.id]?.level;
      return typeof first === 'number' && typeof second === 'number' ? [{ first, second }] : [];
    });
    return [{ first: a.graderId, second: b.graderId, pairs }];
  });
}

function figures(label: string, pairs: RatingPair[], withSeverity = true): AgreementFigures {
  const agreement = agreementOf(pairs);
  return { label, ...agreement, meanSeverity: withSeverity ? agreement.meanSeverity : null };
}

/**
 * Agreement between first readers: overall, per grader (against whoever else read the same
 * responses) and per pair of graders. Third readings are left out: they are not independent.
 */
export function agreementFigures(data: SittingData) {
  const readings = doubleReadings(data);
  const nameOf = (id: string) => data.people.get(id)?.displayName ?? 'Unknown grader';
  const graders = [...new Set(readings.flatMap((r) => [r.first, r.second]))].sort((a, b) =>
    nameOf(a).localeCompare(nameOf(b)),
  );
  const overall = figures(
    'All first readings',
    readings.flatMap((r) => r.pairs.map((p) => ({ mine: p.first, other: p.second }))),
    false,
  );
  const byGrader = graders.map((grader) =>
    figures(
      nameOf(grader),
      readings.flatMap((r) =>
        r.first === grader
          ? r.pairs.map((p) => ({ mine: p.first, other: p.second }))
          : r.second === grader
            ? r.pairs.map((p) => ({ mine: p.second, other: p.first }))
            : [],
      ),
    ),
  );
  const byPair: AgreementFigures[] = [];
  graders.forEach((one, index) => {
    for (const two of graders.slice(index + 1)) {
      const pairs = readings.flatMap((r) =>
        r.first === one && r.second === two
          ? r.pairs.map((p) => ({ mine: p.first, other: p.second }))
          : r.first === two && r.second === one
            ? r.pairs.map((p) => ({ mine: p.second, other: p.first }))
            : [],
      );
      if (pairs.length > 0) byPair.push(figures(`${nameOf(one)} with ${nameOf(two)}`, pairs));
    }
  });
  return { overall, byGrader, byPair };
}
