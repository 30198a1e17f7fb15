import type { AssociationScope } from '../../db/association-scope.js';
import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import * as repo from './authorisations.repo.js';
import type { AuthorisationRow } from './authorisations.repo.js';
import type { CsvAuthorisationRow } from './authorisation-csv.js';

/**
 * What makes two authorisations the same in effect: the same exam endorsement, category, track
 * and parts. The window is not part of it (an import opens a new window from today), nor is the
 * application reference (a re-export may number the same approval anew); the person is the
 * address in a file and the candidate in the database.
 */
function effectOf(a: {
  examEndorsement: string | null;
  category: string | null;
  track: string | null;
  parts: readonly number[];
}): string {
  const parts = [...new Set(a.parts)].sort().join(';');
  return [a.examEndorsement, a.category, a.track ?? '', parts].join('|');
}

/**
 * A row that repeats an earlier valid row of the same file (same address, same effect) gets an
 * error naming that line, as the enrolment import does for a repeated address: the file is
 * refused rather than granting the approval twice. Rows with errors of their own are left out.
 */
export function markRepeatedRows(rows: readonly CsvAuthorisationRow[]): void {
  const firstLine = new Map<string, number>();
  for (const row of rows) {
    if (row.errors.length > 0) continue;
    const key = `${row.email}|${effectOf(row)}`;
    const earlier = firstLine.get(key);
    if (earlier === undefined) firstLine.set(key, row.line);
    else {
      row.errors.push(
        `Duplicate of line ${earlier}: the same applicant, exam endorsement, category, track and parts.`,
      );
    }
  }
}

/** What a new grant asks for, in the terms `effectOf` compares. */
type Wanted = Parameters<typeof effectOf>[0];

/**
 * The repeat rule of every grant, by import or by hand, in the caller's transaction: reads what
 * these candidates hold that is not spent, and returns the check: for a candidate and what a new
 * grant asks for, the running authorisation (not expired at `now`) with the same effect they
 * already hold, or undefined. Granting it again would give a second one (a second live booking,
 * a second set of reminders). A granting caller takes `repo.lockGrants` first, before it reads
 * anything, so two grants at once cannot both find nothing held. Reads are in the association's
 * scope only, so nothing about another association's authorisations can reach a refusal.
 */
async function heldAuthorisations(
  tx: DbOrTx,
  scope: AssociationScope,
  candidateIds: readonly (string | null)[],
  now: Date,
): Promise<(candidateId: string, wanted: Wanted) => AuthorisationRow | undefined> {
  const held = await repo.authorisationsOfCandidates(tx, scope, candidateIds);
  return (candidateId, wanted) => {
    const effect = effectOf(wanted);
    return held.find(
      (a) =>
        a.candidateId === candidateId &&
        a.expiresAt.getTime() >= now.getTime() &&
        effectOf(a) === effect,
    );
  };
}

/** Why a grant repeats `existing`, for a report row or a refusal. */
function alreadyHeld(existing: AuthorisationRow): string {
  const until = existing.expiresAt.toISOString().slice(0, 16).replace('T', ' ');
  return `Already authorised: the candidate holds this authorisation until ${until} UTC`;
}

/**
 * A row whose candidate (an account of the association; `candidateIds` by row, null for an
 * address to invite or a row with errors) already holds it gets an error: the file is refused
 * rather than granting the approval twice.
 */
export async function markAlreadyHeld(
  tx: DbOrTx,
  scope: AssociationScope,
  rows: readonly CsvAuthorisationRow[],
  candidateIds: readonly (string | null)[],
  now: Date,
): Promise<void> {
  const find = await heldAuthorisations(tx, scope, candidateIds, now);
  rows.forEach((row, index) => {
    const candidateId = candidateIds[index];
    if (!candidateId || row.errors.length > 0) return;
    const existing = find(candidateId, row);
    if (existing) row.errors.push(`${alreadyHeld(existing)}; nothing to import.`);
  });
}

/** A grant by hand: refused (409, nothing changed) when the candidate already holds it. */
export async function refuseHeld(
  tx: DbOrTx,
  scope: AssociationScope,
  candidateId: string,
  wanted: Wanted,
  now: Date,
): Promise<void> {
  const existing = (await heldAuthorisations(tx, scope, [candidateId], now))(candidateId, wanted);
  if (existing)
    throw new AppError(
      'ALREADY_EXISTS',
      `${alreadyHeld(existing)}; extend it if the candidate needs more time.`,
      409,
    );
}
