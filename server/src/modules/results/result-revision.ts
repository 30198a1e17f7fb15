import type { ReleasedResult } from '@exam/shared/api';
import { competencyDomainLabels, type CompetencyDomain } from '@exam/shared/domain';
import { programmeScope } from '../../db/association-scope.js';
import type { DbOrTx } from '../../db/client.js';
import type { PartOneResult } from '../delivery/index.js';
import * as resultsRepo from './results.repo.js';

type Stored = Omit<ReleasedResult, 'studyPointers'>;

/** What the audit records of a revised result, before and after. */
export interface RevisedFigures {
  correct: number;
  total: number;
  cutScore: number;
  passed: boolean;
  /** The overall outcome: both parts passed. */
  overall: boolean;
}

/** The Part One block of a released result, as releasedResultOf (results.compute) builds it. */
export function releasedPartOne(partOne: PartOneResult): Stored['partOne'] {
  const expectedShare = partOne.total > 0 ? partOne.cutScore / partOne.total : 0;
  return {
    correct: partOne.correct,
    total: partOne.total,
    cutScore: partOne.cutScore,
    passed: partOne.passed,
    domains: Object.entries(partOne.byDomain).map(([domain, score]) => ({
      domain: domain as CompetencyDomain,
      label: competencyDomainLabels[domain as CompetencyDomain] ?? domain,
      correct: score?.correct ?? 0,
      total: score?.total ?? 0,
      belowExpectation: (score?.correct ?? 0) < expectedShare * (score?.total ?? 0),
    })),
  };
}

/**
 * Revises a released result after a key correction: the new Part One, the overall outcome again,
 * and a `revised` note with the reason the candidate reads on their results page. Returns the
 * before and after figures, or undefined when the attempt has no released result.
 */
export async function reviseReleasedResult(
  tx: DbOrTx,
  attemptId: string,
  partOne: PartOneResult,
  revision: { reason: string; at: Date },
): Promise<{ before: RevisedFigures; after: RevisedFigures } | undefined> {
  // A key correction is the programme's: it revises results in every association.
  const row = await resultsRepo.lockResult(tx, programmeScope, attemptId);
  if (!row) return undefined;
  const stored = row as unknown as Stored;
  const next = releasedPartOne(partOne);
  const passed = next.passed && stored.partTwo.passed;
  const revised: Stored = {
    ...stored,
    passed,
    partOne: next,
    revised: { at: revision.at.toISOString(), reason: revision.reason },
  };
  await resultsRepo.updateResult(tx, programmeScope, attemptId, {
    passed,
    result: revised as unknown as Record<string, unknown>,
  });
  const figures = (p: Stored['partOne'], overall: boolean): RevisedFigures => ({
    correct: p.correct,
    total: p.total,
    cutScore: p.cutScore,
    passed: p.passed,
    overall,
  });
  return { before: figures(stored.partOne, stored.passed), after: figures(next, passed) };
}
