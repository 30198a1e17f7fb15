import { describe, expect, it } from 'vitest';
import type { ReleasedResult } from '@exam/shared/api';
import { candidateOutcomes, releasedResultOf } from '../../src/modules/results/results.compute.js';
import { attemptOf, itemOf, sittingOf } from './results-fixture.js';

/** The candidate's earlier result: Part One passed with its domains, Part Two failed. */
const earlier = {
  status: 'released',
  sittingName: 'Spring 2027',
  releasedAt: '2027-04-20T12:00:00.000Z',
  passed: false,
  partOne: {
    correct: 50,
    total: 60,
    cutScore: 48,
    passed: true,
    domains: [
      { domain: 'thinking', label: 'Thinking', correct: 9, total: 10, belowExpectation: false },
    ],
  },
  partTwo: {
    passed: false,
    required: 2,
    missing: 0,
    passingRule: { minLevelPerCriterion: 2, minTotalPerResponse: 5 },
    responses: [],
  },
  studyPointers: [],
} as unknown as ReleasedResult;

/** A Part Two retake (e1) whose new responses pass, and one (e2) with no pass on record. */
function retakeSitting() {
  const data = sittingOf({
    enrolments: ['e1', 'e2'],
    attempts: [
      // Part One was closed unsat at creation: no result of its own.
      attemptOf('a1', 'e1', { partOneResult: null }),
      attemptOf('a2', 'e2', { partOneResult: null }),
    ],
    intake: { a1: { required: 1, gradable: 1 }, a2: { required: 1, gradable: 1 } },
    items: [itemOf('a1', 'R1', { c1: 3, c2: 3 }), itemOf('a2', 'R2', { c1: 3, c2: 3 })],
  });
  return {
    ...data,
    enrolments: data.enrolments.map((e) => ({ ...e, parts: [2] })),
    earlier: new Map([['cand-e1', [{ sittingId: 's0', result: earlier }]]]),
  };
}

describe('a result that combines a retaken part with the earlier pass of the other', () => {
  it('carries the Part One pass and combines it with the new Part Two', () => {
    const [e1, e2] = candidateOutcomes(retakeSitting());
    expect(e1!.row.partOne).toEqual({ correct: 50, total: 60, cutScore: 48, passed: true });
    expect(e1!.row.partTwo.outcome).toBe('passed');
    expect(e1!.row.overall).toBe('passed');
    expect(e1!.row.carried).toEqual([
      { part: 1, sittingName: 'Spring 2027', releasedAt: '2027-04-20T12:00:00.000Z' },
    ]);
    // Without a pass on record the part not sat fails: nothing is assumed.
    expect(e2!.row.overall).toBe('failed');
  });

  it('releases the earlier Part One with its domains beside the new Part Two', () => {
    const [e1] = candidateOutcomes(retakeSitting());
    const released = releasedResultOf(e1!, 'Retake sitting', new Date('2028-05-01T00:00:00Z'));
    expect(released.passed).toBe(true);
    expect(released.partOne).toEqual(earlier.partOne);
    expect(released.partTwo.passed).toBe(true);
    expect(released.partTwo.responses).toHaveLength(1);
    expect(released.carried).toEqual([
      { part: 1, sittingName: 'Spring 2027', releasedAt: '2027-04-20T12:00:00.000Z' },
    ]);
  });
});
