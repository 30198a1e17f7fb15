import type { DbOrTx } from '../../db/client.js';
import * as authRepo from './authorisations.repo.js';
import * as seatsRepo from './seats.repo.js';

// Loading as it stands (the demo seed): rows written as given, without the mail, the audit or the
// window rules the services apply to a coordinator's or an import's work.

/** Authorisations to test, e.g. the demo applicant's approved application. */
export function importAuthorisations(
  tx: DbOrTx,
  rows: Parameters<typeof authRepo.insertAuthorisations>[1],
): Promise<authRepo.AuthorisationRow[]> {
  return authRepo.insertAuthorisations(tx, rows);
}

/** A sitting's capacity, booking window and free-cancellation cutoff. */
export function importSeatSettings(
  tx: DbOrTx,
  row: Parameters<typeof seatsRepo.saveSeatSettings>[1],
): Promise<void> {
  return seatsRepo.saveSeatSettings(tx, row);
}
