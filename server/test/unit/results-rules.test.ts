import { describe, expect, it } from 'vitest';
import {
  commentOfWith,
  fingerprintOf,
  hasFeedback,
  type EditRow,
} from '../../src/modules/results/feedback.compute.js';
import {
  candidateOutcomes,
  heldLateChangesBlocker,
  releaseBlockers,
  releasedResultOf,
  weakDomains,
} from '../../src/modules/results/results.compute.js';
import { attemptOf, itemOf, readingOf, sittingOf } from './results-fixture.js';

/**
 * e1 passes both parts (one response by the mean, one adjudicated); e2 never came; e3 failed
 * Part One and is still in Part Two; e4 is missing one of two responses; e5 had no Part Two.
 */
function mixedSitting(status = 'closed') {
  return sittingOf({
    status,
    enrolments: ['e1', 'e2', 'e3', 'e4', 'e5'],
    attempts: [
      attemptOf('a1', 'e1'),
      attemptOf('a3', 'e3', {
        partTwoClosed: false,
        partOneResult: { correct: 30, total: 50, cutScore: 35, passed: false, byDomain: {} },
      }),
      attemptOf('a4', 'e4'),
      attemptOf('a5', 'e5', { hasPartTwo: false }),
    ],
    intake: {
      a1: { required: 2, gradable: 2 },
      a3: { required: 2, gradable: 2 },
      a4: { required: 2, gradable: 1 },
    },
    items: [
      itemOf('a1', 'R1', { c1: 3, c2: 2.5 }),
      itemOf('a1', 'R2', { c1: 4, c2: 3, method: 'adjudicated' }),
      itemOf('a3', 'R3', null),
      itemOf('a4', 'R4', { c1: 3, c2: 3 }),
    ],
  });
}

describe('each candidate’s standing', () => {
  const byId = () =>
    new Map(candidateOutcomes(mixedSitting()).map((o) => [o.row.candidateId, o.row]));

  it('passes a candidate whose Part One and every response pass', () => {
    const row = byId().get('cand-e1')!;
    expect(row.partOne).toEqual({ correct: 40, total: 50, cutScore: 35, passed: true });
    expect(row.partTwo.outcome).toBe('passed');
    expect(row.overall).toBe('passed');
    expect(row.variant).toBe('clinical');
    expect(
      row.partTwo.responses.map((r) => [r.code, r.total, r.max, r.passed, r.adjudicated]),
    ).toEqual([
      ['R1', 5.5, 8, true, false],
      ['R2', 7, 8, true, true],
    ]);
  });

  it('tells apart not sat, pending, missing a response and no Part Two', () => {
    const rows = byId();
    expect(rows.get('cand-e2')).toMatchObject({ overall: 'not-sat', partOne: null });
    // A failed Part One with Part Two still running is pending, not failed: both are needed.
    expect(rows.get('cand-e3')!.partTwo.outcome).toBe('pending');
    expect(rows.get('cand-e3')!.overall).toBe('pending');
    expect(rows.get('cand-e4')!.partTwo).toMatchObject({ outcome: 'failed', missing: 1 });
    expect(rows.get('cand-e4')!.overall).toBe('failed');
    expect(rows.get('cand-e5')!.partTwo.outcome).toBe('failed');
  });
});

describe('what stands before release', () => {
  it('lists a part still open and responses still being read', () => {
    expect(releaseBlockers('closed', candidateOutcomes(mixedSitting()))).toEqual([
      '1 candidate(s) have a part still open: it must be submitted or ended first.',
      '1 response(s) are still with their first readers.',
    ]);
  });

  it('asks for an open sitting to be closed first, and refuses other states outright', () => {
    const outcomes = candidateOutcomes(mixedSitting('open'));
    expect(releaseBlockers('open', outcomes)[0]).toBe(
      'The sitting is still open: close it on the coordinator console first.',
    );
    expect(releaseBlockers('released', outcomes)).toEqual(['These results have been released.']);
    expect(releaseBlockers('scheduled', outcomes)).toEqual([
      'The sitting is scheduled: results are released once it has run and closed.',
    ]);
  });

  it('releases a finished sitting, unless a late change is still held', () => {
    const finished = sittingOf({
      enrolments: ['e1', 'e2'],
      attempts: [attemptOf('a1', 'e1')],
      intake: { a1: { required: 1, gradable: 1 } },
      items: [itemOf('a1', 'R1', { c1: 3, c2: 3 })],
    });
    expect(releaseBlockers('closed', candidateOutcomes(finished))).toEqual([]);
    finished.attempts[0]!.heldLateChanges = 2;
    expect(releaseBlockers('closed', candidateOutcomes(finished))).toEqual([
      heldLateChangesBlocker(1),
    ]);
  });
});

describe('the result a candidate reads', () => {
  const first = () => candidateOutcomes(mixedSitting())[0]!;

  it('marks domains below the share the cut score expects, and levels below Proficient', () => {
    const result = releasedResultOf(first(), 'May sitting', new Date('2026-06-01T00:00:00Z'));
    expect(result).toMatchObject({ passed: true, releasedAt: '2026-06-01T00:00:00.000Z' });
    // The cut is 35 of 50 (0.7): 3 of 10 is below it, 9 of 10 is not.
    expect(result.partOne.domains).toEqual([
      { domain: 'thinking', label: 'Thinking', correct: 3, total: 10, belowExpectation: true },
      { domain: 'reflection', label: 'Reflection', correct: 9, total: 10, belowExpectation: false },
    ]);
    const [observation, reflection] = result.partTwo.responses[0]!.criteria;
    expect(observation).toMatchObject({
      level: 3,
      levelLabel: 'Proficient',
      belowExpectation: false,
    });
    expect(observation!.comments).toEqual(['R1-a on c1', 'R1-b on c1']);
    expect(reflection).toMatchObject({
      level: 2.5,
      levelLabel: 'Between Developing and Proficient',
      belowExpectation: true,
    });
    expect(weakDomains(result)).toEqual(['thinking', 'reflection']);
  });

  it('needs a closed Part One', () => {
    const open = candidateOutcomes(
      sittingOf({
        enrolments: ['e1'],
        attempts: [attemptOf('a1', 'e1', { partOneClosed: false })],
        intake: {},
        items: [],
      }),
    )[0]!;
    expect(() => releasedResultOf(open, 'S', new Date(0))).toThrow('closed Part One');
  });
});

describe('feedback review', () => {
  const edit = (original: string, text: string) =>
    ({ assignmentId: 'R1-a', criterionId: 'c1', original, text }) as EditRow;

  it('shows an edit only while the grader’s comment is the one it was made against', () => {
    const reading = readingOf('R1-a', 'g1', 3, 3);
    expect(commentOfWith([edit('R1-a on c1', 'Clearer.')])(reading, 'c1')).toBe('Clearer.');
    expect(commentOfWith([edit('R1-a on c1', 'Clearer.')])(reading, 'c2')).toBe('R1-a on c2');
    // The reading was reopened and its comment rewritten: the stale edit no longer hides it.
    expect(commentOfWith([edit('an older comment', 'Clearer.')])(reading, 'c1')).toBe('R1-a on c1');
  });

  it('fingerprints exactly what the candidate will read, and when it was finalised', () => {
    const outcome = candidateOutcomes(mixedSitting())[0]!;
    const plain = commentOfWith([]);
    expect(fingerprintOf(outcome, plain)).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprintOf(outcome, plain)).toBe(fingerprintOf(outcome, commentOfWith([])));
    const edited = fingerprintOf(outcome, commentOfWith([edit('R1-a on c1', 'Clearer.')]));
    expect(edited).not.toBe(fingerprintOf(outcome, plain));
    // Re-scored to the same levels is still a change to approve.
    const before = fingerprintOf(outcome, plain);
    (outcome.items[0]!.item as { finalizedAt: Date }).finalizedAt = new Date('2026-05-02');
    expect(fingerprintOf(outcome, plain)).not.toBe(before);
  });

  it('gives feedback only to candidates with graded responses', () => {
    const outcomes = candidateOutcomes(mixedSitting());
    expect(outcomes.filter(hasFeedback).map((o) => o.row.candidateId)).toEqual([
      'cand-e1',
      'cand-e3',
      'cand-e4',
    ]);
  });
});
