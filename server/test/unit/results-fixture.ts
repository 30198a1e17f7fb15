import type { SittingData } from '../../src/modules/results/results.data.js';
import type { AttemptForResults } from '../../src/modules/delivery/index.js';

/**
 * Small in-memory sittings for the results rules: only the fields the rules read are filled; the
 * row types are cast because their other columns (timestamps, foreign keys) do not matter here.
 */
type Item = SittingData['items'][number];

const levels = [
  { score: 1, label: 'Beginning', descriptor: '' },
  { score: 2, label: 'Developing', descriptor: '' },
  { score: 3, label: 'Proficient', descriptor: '' },
  { score: 4, label: 'Exemplary', descriptor: '' },
];

export const rubric = {
  criteria: [
    { id: 'c1', title: 'Observation', domain: 'communicating', levels },
    { id: 'c2', title: 'Reflection on self', domain: 'reflection', levels },
  ],
} as unknown as Item['rubric'];

export const passingRule = { minLevelPerCriterion: 2, minTotalPerResponse: 5 };

/** A reading: its levels for c1 and c2, with a comment on each. */
export function readingOf(id: string, graderId: string, c1: number, c2: number) {
  return {
    id,
    graderId,
    role: 'reader',
    status: 'submitted',
    scores: {
      c1: { level: c1, comment: `${id} on c1` },
      c2: { level: c2, comment: `${id} on c2` },
    },
  } as unknown as Item['readings'][number];
}

/** A response of an attempt, final with these criterion levels unless `final` is null. */
export function itemOf(
  attemptId: string,
  code: string,
  final: { c1: number; c2: number; method?: 'mean' | 'adjudicated' } | null,
  readings: Item['readings'] = [
    readingOf(`${code}-a`, 'g1', 3, 3),
    readingOf(`${code}-b`, 'g2', 3, 2),
  ],
): Item {
  return {
    item: {
      attemptId,
      code,
      status: final ? 'final' : 'reading',
      final: final && {
        criteria: { c1: final.c1, c2: final.c2 },
        total: final.c1 + final.c2,
        method: final.method ?? 'mean',
      },
      finalizedAt: final ? new Date('2026-05-01T12:00:00Z') : null,
    } as unknown as Item['item'],
    rubric,
    readings,
    passingRule,
    title: `Vignette ${code}`,
  };
}

export function attemptOf(
  attemptId: string,
  enrolmentId: string,
  over: Partial<AttemptForResults> = {},
): AttemptForResults {
  return {
    attemptId,
    enrolmentId,
    candidateId: `cand-${enrolmentId}`,
    hasPartTwo: true,
    partOneClosed: true,
    partTwoClosed: true,
    // 40 of 50 against a cut of 35: a share of 0.7 is expected in each domain.
    partOneResult: {
      correct: 40,
      total: 50,
      cutScore: 35,
      passed: true,
      byDomain: { thinking: { correct: 3, total: 10 }, reflection: { correct: 9, total: 10 } },
    },
    heldLateChanges: 0,
    lateChanges: [],
    ...over,
  } as AttemptForResults;
}

/** A sitting with these candidates (enrolment ids), their attempts, intake and responses. */
export function sittingOf(input: {
  status?: string;
  enrolments: string[];
  attempts: AttemptForResults[];
  intake: Record<string, { required: number; gradable: number }>;
  items: Item[];
}): SittingData {
  return {
    sitting: {
      id: 's1',
      associationId: 'a1',
      name: 'May sitting',
      status: input.status ?? 'closed',
      cutScore: 35,
    },
    enrolments: input.enrolments.map((enrolmentId) => ({
      enrolmentId,
      sittingId: 's1',
      candidateId: `cand-${enrolmentId}`,
      examEndorsement: 'IMH-E',
      category: 'mental-health-specialist',
      track: null,
    })),
    attempts: input.attempts,
    intake: new Map(Object.entries(input.intake)) as SittingData['intake'],
    items: input.items,
    people: new Map(
      input.enrolments.map((e) => [
        `cand-${e}`,
        { displayName: `Candidate ${e}`, email: `${e}@x` },
      ]),
    ),
    rules: { tolerancePerCriterion: 1, toleranceTotal: 2, passingRules: {} },
  };
}
