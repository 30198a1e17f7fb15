import type { ReleasedResult, ResultOutcome, ReviewedCandidate } from '@exam/shared/api';
import {
  competencyDomainLabels,
  variantFor,
  type Category,
  type CompetencyDomain,
  type MentorTrack,
} from '@exam/shared/domain';
import type { StoredCriterion } from '../grading/index.js';
import type { AttemptForResults, PartOneResult } from '../delivery/index.js';
import { passesRule } from '../grading/index.js';
import type { SittingData } from './results.data.js';
import { carriedFor, carriedList, partsSat, type CarriedResults } from './results.carried.js';

/**
 * A Part Two criterion is below expectation under "Proficient" (level 3): the level the rubric
 * describes as competent practice, higher than the passing minimum, so a candidate who passes
 * narrowly is still pointed to study.
 */
export const EXPECTED_LEVEL = 3;

export type ItemData = SittingData['items'][number];

export interface CandidateOutcome {
  row: ReviewedCandidate;
  attempt: AttemptForResults | undefined;
  items: ItemData[];
  /** Earlier passes of the parts this enrolment does not sit (a retake by part). */
  carried: CarriedResults;
}

function partOneOf(attempt: AttemptForResults | undefined): PartOneResult | null {
  if (!attempt?.partOneClosed || !attempt.partOneResult) return null;
  return attempt.partOneResult as PartOneResult;
}

function combine(a: ResultOutcome, b: ResultOutcome): ResultOutcome {
  if (a === 'pending' || b === 'pending') return 'pending';
  return a === 'passed' && b === 'passed' ? 'passed' : 'failed';
}

/** Every enrolled candidate's standing: Part One, each graded response, and the combined outcome. */
export function candidateOutcomes(data: SittingData): CandidateOutcome[] {
  return data.enrolments.map((enrolment) => {
    const person = data.people.get(enrolment.candidateId);
    const variant =
      variantFor(enrolment.category as Category, enrolment.track as MentorTrack | null) ?? null;
    const attempt = data.attempts.find((a) => a.enrolmentId === enrolment.enrolmentId);
    const items = attempt ? data.items.filter((i) => i.item.attemptId === attempt.attemptId) : [];
    const intake = attempt ? data.intake.get(attempt.attemptId) : undefined;
    const partOne = partOneOf(attempt);
    const responses = items.map(({ item, rubric, readings, passingRule, title }) => ({
      code: item.code,
      vignetteTitle: title,
      status: item.status as 'reading' | 'adjudicating' | 'final',
      readingsSubmitted: readings.filter((r) => r.status === 'submitted').length,
      total: item.final?.total ?? null,
      max: rubric.criteria.length * 4,
      passed: item.final ? passesRule(item.final, passingRule) : null,
      adjudicated: item.final?.method === 'adjudicated',
      readings: readings.map((r) => ({
        graderId: r.graderId,
        graderName: data.people.get(r.graderId)?.displayName ?? 'Unknown grader',
        role: r.role as 'reader' | 'adjudicator',
        status: r.status === 'assigned' ? ('new' as const) : (r.status as 'draft' | 'submitted'),
      })),
    }));
    const missing = intake ? intake.required - intake.gradable : 0;
    let partTwo: ResultOutcome;
    if (!attempt) partTwo = 'not-sat';
    else if (!attempt.hasPartTwo) partTwo = 'failed';
    else if (!attempt.partTwoClosed || !intake || responses.some((r) => r.passed === null))
      partTwo = 'pending';
    else partTwo = missing === 0 && responses.every((r) => r.passed) ? 'passed' : 'failed';
    let partOneOutcome: ResultOutcome = partOne
      ? partOne.passed
        ? 'passed'
        : 'failed'
      : 'pending';
    // A retake by part: the part not sat stands on its earlier pass (or fails without one).
    const sat = partsSat(enrolment);
    const carried = carriedFor(data.earlier, enrolment);
    const carriedOne = carried[1]?.partOne;
    if (!sat.includes(1)) partOneOutcome = carriedOne ? 'passed' : 'failed';
    if (!sat.includes(2)) partTwo = carried[2] ? 'passed' : 'failed';
    const partOneFigures = sat.includes(1)
      ? partOne
      : carriedOne
        ? { ...carriedOne, byDomain: {} }
        : null;
    return {
      attempt,
      items,
      carried,
      row: {
        ...(sat.length < 2 ? { carried: carriedList(carried) } : {}),
        candidateId: enrolment.candidateId,
        name: person?.displayName ?? '(unknown)',
        email: person?.email ?? '',
        endorsement: enrolment.examEndorsement,
        variant,
        partOne: partOneFigures
          ? {
              correct: partOneFigures.correct,
              total: partOneFigures.total,
              cutScore: partOneFigures.cutScore,
              passed: partOneFigures.passed,
            }
          : null,
        partTwo: {
          outcome: partTwo,
          required: carried[2]?.partTwo.required ?? intake?.required ?? 0,
          missing: carried[2]?.partTwo.missing ?? missing,
          responses,
        },
        overall: attempt ? combine(partOneOutcome, partTwo) : 'not-sat',
        heldLateChanges: attempt?.heldLateChanges ?? 0,
      },
    };
  });
}

/** Why results wait for the proctors: late changes still held undecided. */
export function heldLateChangesBlocker(candidates: number): string {
  return `${candidates} candidate(s) have late changes held undecided: their results are provisional until a proctor or coordinator accepts or declines each one.`;
}

/** Why the sitting's results cannot be released yet; empty when they can. */
export function releaseBlockers(status: string, outcomes: readonly CandidateOutcome[]): string[] {
  if (status === 'released') return ['These results have been released.'];
  if (status !== 'open' && status !== 'closed')
    return [`The sitting is ${status}: results are released once it has run and closed.`];
  const blockers: string[] = [];
  // The sitting's state machine releases from closed only: no one may still be sitting.
  if (status === 'open')
    blockers.push('The sitting is still open: close it on the coordinator console first.');
  const sat = outcomes.filter((o) => o.attempt);
  const unfinished = sat.filter((o) => !o.attempt?.partOneClosed || !o.attempt.partTwoClosed);
  if (unfinished.length > 0)
    blockers.push(
      `${unfinished.length} candidate(s) have a part still open: it must be submitted or ended first.`,
    );
  const waitingIntake = sat.filter(
    (o) => o.attempt?.partTwoClosed && o.attempt.hasPartTwo && o.row.partTwo.required === 0,
  );
  if (waitingIntake.length > 0)
    blockers.push(`${waitingIntake.length} closed Part Two(s) are not yet taken in for grading.`);
  const held = sat.filter((o) => o.row.heldLateChanges > 0);
  if (held.length > 0) blockers.push(heldLateChangesBlocker(held.length));
  const responses = sat.flatMap((o) => o.row.partTwo.responses);
  const reading = responses.filter((r) => r.status === 'reading').length;
  const adjudicating = responses.filter((r) => r.status === 'adjudicating').length;
  if (reading > 0) blockers.push(`${reading} response(s) are still with their first readers.`);
  if (adjudicating > 0) blockers.push(`${adjudicating} response(s) wait for a third reader.`);
  return blockers;
}

function levelLabel(level: number, criterion: StoredCriterion): string {
  const label = (score: number) =>
    criterion.levels.find((l) => l.score === score)?.label ?? String(score);
  return Number.isInteger(level)
    ? label(level)
    : `Between ${label(Math.floor(level))} and ${label(Math.ceil(level))}`;
}

/** What the candidate reads for one reading's comment on one criterion. */
export type CommentOf = (reading: ItemData['readings'][number], criterionId: string) => string;
const gradersComment: CommentOf = (reading, criterionId) =>
  reading.scores[criterionId]?.comment ?? '';

/**
 * The result a candidate reads once released (study pointers are added when it is read).
 * `commentOf` gives each comment as the coordinator approved it (see feedback.compute.ts).
 */
export function releasedResultOf(
  outcome: CandidateOutcome,
  sittingName: string,
  releasedAt: Date,
  commentOf: CommentOf = gradersComment,
): Omit<ReleasedResult, 'studyPointers'> {
  const carried = outcome.carried;
  const partOne = partOneOf(outcome.attempt);
  if (!partOne && !carried[1]) throw new Error('a released result needs a closed Part One');
  const partTwo = carried[2]?.partTwo ?? releasedPartTwo(outcome, commentOf);
  return {
    status: 'released',
    sittingName,
    releasedAt: releasedAt.toISOString(),
    passed: outcome.row.overall === 'passed',
    partOne: carried[1]?.partOne ?? releasedPartOne(outcome, partOne!),
    partTwo,
    ...(carried[1] || carried[2] ? { carried: carriedList(carried) } : {}),
  };
}

function releasedPartOne(
  outcome: CandidateOutcome,
  partOne: PartOneResult,
): ReleasedResult['partOne'] {
  const expectedShare = partOne.total > 0 ? partOne.cutScore / partOne.total : 0;
  const domains = Object.entries(partOne.byDomain).map(([domain, score]) => ({
    domain: domain as CompetencyDomain,
    label: competencyDomainLabels[domain as CompetencyDomain] ?? domain,
    correct: score?.correct ?? 0,
    total: score?.total ?? 0,
    belowExpectation: (score?.correct ?? 0) < expectedShare * (score?.total ?? 0),
  }));
  return { ...outcome.row.partOne!, domains };
}

function releasedPartTwo(
  outcome: CandidateOutcome,
  commentOf: CommentOf,
): ReleasedResult['partTwo'] {
  const first = outcome.items[0];
  return {
    passed: outcome.row.partTwo.outcome === 'passed',
    required: outcome.row.partTwo.required,
    missing: outcome.row.partTwo.missing,
    passingRule: first?.passingRule ?? { minLevelPerCriterion: 2, minTotalPerResponse: 8 },
    responses: outcome.items.map((entry) => {
      const { item, rubric, readings, passingRule, title } = entry;
      const final = item.final!;
      const submitted = readings.filter((r) => r.status === 'submitted');
      // Only when the coordinator chose some, so results released before annotations read alike.
      const annotations = entry.feedbackAnnotations ?? [];
      return {
        ...(annotations.length > 0 ? { annotations } : {}),
        vignetteTitle: title,
        total: final.total,
        max: rubric.criteria.length * 4,
        passed: passesRule(final, passingRule),
        criteria: rubric.criteria.map((c) => {
          const level = final.criteria[c.id] ?? 0;
          return {
            title: c.title,
            domain: c.domain as CompetencyDomain,
            level,
            levelLabel: levelLabel(level, c),
            belowExpectation: level < EXPECTED_LEVEL,
            comments: submitted.map((r) => commentOf(r, c.id)).filter(Boolean),
          };
        }),
      };
    }),
  };
}

/** The domains a released result points the candidate to study, each once, in domain order. */
export function weakDomains(result: Omit<ReleasedResult, 'studyPointers'>): CompetencyDomain[] {
  const weak = new Set<CompetencyDomain>();
  for (const d of result.partOne.domains) if (d.belowExpectation) weak.add(d.domain);
  for (const r of result.partTwo.responses)
    for (const c of r.criteria) if (c.belowExpectation) weak.add(c.domain);
  return Object.keys(competencyDomainLabels).filter((d) =>
    weak.has(d as CompetencyDomain),
  ) as CompetencyDomain[];
}
