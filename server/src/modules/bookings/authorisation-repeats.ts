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

/**
 * A row whose candidate (an account of the association; `candidateIds` by row, null for an
 * address to invite or a row with errors) already holds a running authorisation (not expired at
 * `now`) with the same effect gets an error: importing it again would grant a second one (a
 * second live booking, a second set of reminders). `held` is read in the association's scope
 * only, so nothing about another association's authorisations can reach the message.
 */
export function markAlreadyHeld(
  rows: readonly CsvAuthorisationRow[],
  candidateIds: readonly (string | null)[],
  held: readonly AuthorisationRow[],
  now: Date,
): void {
  rows.forEach((row, index) => {
    const candidateId = candidateIds[index];
    if (!candidateId || row.errors.length > 0) return;
    const effect = effectOf(row);
    const existing = held.find(
      (a) =>
        a.candidateId === candidateId &&
        a.expiresAt.getTime() >= now.getTime() &&
        effectOf(a) === effect,
    );
    if (!existing) return;
    const until = existing.expiresAt.toISOString().slice(0, 16).replace('T', ' ');
    row.errors.push(
      `Already authorised: the candidate holds this authorisation until ${until} UTC; nothing to import.`,
    );
  });
}
