import type { CandidateOutcome } from './results.compute.js';
import type { SittingData } from './results.data.js';

/** The two exports' tables; csv.ts turns them into escaped CSV. */

export interface Table {
  header: string[];
  rows: unknown[][];
}

/** One row per enrolled candidate: Part One, Part Two and the combined outcome. */
export function resultsCsv(outcomes: readonly CandidateOutcome[]): Table {
  return {
    header: [
      'Candidate',
      'Email',
      'Endorsement',
      'Variant',
      'Part One correct',
      'Part One questions',
      'Part One pass mark',
      'Part One',
      'Part Two responses required',
      'Part Two responses missing',
      'Part Two',
      'Overall',
    ],
    rows: outcomes.map(({ row }) => [
      row.name,
      row.email,
      row.endorsement,
      row.variant ?? '',
      row.partOne?.correct ?? '',
      row.partOne?.total ?? '',
      row.partOne?.cutScore ?? '',
      row.partOne ? (row.partOne.passed ? 'passed' : 'failed') : 'pending',
      row.partTwo.required,
      row.partTwo.missing,
      row.partTwo.outcome,
      row.overall,
    ]),
  };
}

const readingNames = ['First reading', 'Second reading'];

/** One row per criterion per reading: every score given, with its evidence and the final level. */
export function scoresCsv(data: SittingData, outcomes: readonly CandidateOutcome[]): Table {
  const rows: unknown[][] = [];
  for (const { row, items } of outcomes) {
    for (const { item, rubric, readings, title } of items) {
      let readerIndex = 0;
      for (const reading of readings) {
        const which =
          reading.role === 'adjudicator'
            ? 'Third reading'
            : (readingNames[readerIndex++] ?? 'Reading');
        for (const criterion of rubric.criteria) {
          rows.push([
            item.code,
            row.name,
            row.email,
            item.variant,
            title,
            criterion.title,
            criterion.domain,
            which,
            data.people.get(reading.graderId)?.displayName ?? '',
            reading.status,
            reading.scores[criterion.id]?.level ?? '',
            reading.scores[criterion.id]?.comment ?? '',
            reading.flagged ? 'yes' : 'no',
            reading.flagNote,
            item.final?.criteria[criterion.id] ?? '',
          ]);
        }
      }
    }
  }
  return {
    header: [
      'Response code',
      'Candidate',
      'Email',
      'Variant',
      'Vignette',
      'Criterion',
      'Domain',
      'Reading',
      'Grader',
      'Reading status',
      'Level',
      'Evidence',
      'Flagged',
      'Flag note',
      'Final level',
    ],
    rows,
  };
}
