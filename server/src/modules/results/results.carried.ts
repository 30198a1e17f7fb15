import type { CarriedPart, ReleasedResult } from '@exam/shared/api';
import type { EnrolmentForResults } from '../sittings/index.js';

/** A candidate's released results from other sittings, newest first (results.repo). */
export type EarlierResults = Map<string, { sittingId: string; result: ReleasedResult }[]>;

/** For each part this enrolment does not sit, the newest earlier result in which it passed. */
export interface CarriedResults {
  1?: ReleasedResult;
  2?: ReleasedResult;
}

/** The parts an enrolment sits; both when it does not say (every enrolment before retakes). */
export function partsSat(enrolment: Pick<EnrolmentForResults, 'parts'>): number[] {
  return enrolment.parts && enrolment.parts.length > 0 ? enrolment.parts : [1, 2];
}

/**
 * The passes a retake by part stands on. Only a pass carries: a candidate retaking Part Two with
 * no Part One pass on record (never approved that way) finds nothing and fails the part not sat.
 */
export function carriedFor(
  earlier: EarlierResults | undefined,
  enrolment: Pick<EnrolmentForResults, 'candidateId' | 'parts'>,
): CarriedResults {
  const sat = partsSat(enrolment);
  const theirs = earlier?.get(enrolment.candidateId) ?? [];
  const carried: CarriedResults = {};
  if (!sat.includes(1)) carried[1] = theirs.find((r) => r.result.partOne?.passed)?.result;
  if (!sat.includes(2)) carried[2] = theirs.find((r) => r.result.partTwo?.passed)?.result;
  return carried;
}

/** How the carried passes read on the result: which part, from which sitting, released when. */
export function carriedList(carried: CarriedResults): CarriedPart[] {
  return ([1, 2] as const).flatMap((part) => {
    const from = carried[part];
    return from ? [{ part, sittingName: from.sittingName, releasedAt: from.releasedAt }] : [];
  });
}
