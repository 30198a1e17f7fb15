import { programmeScope } from '../../db/association-scope.js';
import type { DbOrTx } from '../../db/client.js';
import * as enrolmentsRepo from './enrolments.repo.js';
import * as sittingsRepo from './sittings.repo.js';

/**
 * What other modules read to check whose an object is. They are answered across the programme:
 * the caller compares the answer with the scope of the person asking and answers not-found
 * itself when they differ (as it would for an id that does not exist).
 */

/** The association that runs the sitting, or undefined when there is no such sitting. */
export function associationOfSitting(db: DbOrTx, sittingId: string): Promise<string | undefined> {
  return sittingsRepo.associationOfSitting(db, programmeScope, sittingId);
}

/** The candidate of each given enrolment, by enrolment id (for modules that hold only the id). */
export function candidatesOfEnrolments(
  db: DbOrTx,
  enrolmentIds: readonly string[],
): Promise<Map<string, string>> {
  return enrolmentsRepo.candidatesOfEnrolments(db, programmeScope, enrolmentIds);
}
