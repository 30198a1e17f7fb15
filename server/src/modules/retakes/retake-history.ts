import type { DbOrTx } from '../../db/client.js';
import { contentOfAttempts } from '../delivery/index.js';
import { releasedPartResultsOf } from '../results/index.js';
import { sittingsForRetakes } from '../sittings/index.js';
import type { PartHistory } from './retake.rules.js';

/**
 * The candidate's released results per part, each with its sitting's start and the form and
 * vignette set they were shown: what the retake rules and the seen-content warning read.
 */
export async function partHistoryOf(db: DbOrTx, candidateId: string): Promise<PartHistory[]> {
  const results = await releasedPartResultsOf(db, candidateId);
  const sittings = await sittingsForRetakes(
    db,
    results.map((r) => r.sittingId),
  );
  const content = await contentOfAttempts(
    db,
    results.map((r) => r.attemptId),
  );
  return results.flatMap((r) => {
    const sitting = sittings.get(r.sittingId);
    if (!sitting?.startsAt) return [];
    const shown = content.get(r.attemptId);
    return [
      {
        sittingId: r.sittingId,
        sittingName: sitting.name,
        sittingStartsAt: sitting.startsAt,
        partsSat: r.partsSat,
        passed: r.passed,
        // Only what was shown: a retake of Part Two never saw its attempt's Part One form.
        formId: r.partsSat.includes(1) ? (shown?.formId ?? null) : null,
        vignetteSetId: r.partsSat.includes(2) ? (shown?.vignetteSetId ?? null) : null,
      },
    ];
  });
}
