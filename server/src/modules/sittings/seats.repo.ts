import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { arrayLiteral, arrayOf } from '../../db/arrays.js';
import type { DbOrTx } from '../../db/client.js';
import { preparedStatement } from '../../db/prepared.js';
import { candidateProfiles } from '../../db/schema/candidates.js';
import { enrolments, sittings } from '../../db/schema/sittings.js';
import type { ProfileRow } from './profiles.repo.js';
import type { EnrolmentRow, SittingRow } from './sittings.repo.js';

export interface SeatRows {
  enrolment: EnrolmentRow;
  sitting: SittingRow;
  profile: ProfileRow | undefined;
}

/**
 * A seat's rows in one statement: the enrolment, its sitting and the candidate's profile (for
 * the accommodations). Every candidate's hello reads its seat when a sitting opens; the profile
 * was a second round trip each (issue 23's start spike). Programme scope, as the seat reader.
 */
function seatRowsFrom(db: DbOrTx) {
  return db
    .select({ enrolment: enrolments, sitting: sittings, profile: candidateProfiles })
    .from(enrolments)
    .innerJoin(sittings, eq(sittings.id, enrolments.sittingId))
    .leftJoin(candidateProfiles, eq(candidateProfiles.userId, enrolments.candidateId));
}

// Several candidates' open seats in one read: every row (one per candidate is expected).
const openSeatRowsAmong = preparedStatement((db) =>
  seatRowsFrom(db)
    .where(
      and(
        sql`${enrolments.candidateId} = any(${sql.placeholder('ids')}::uuid[])`,
        eq(sittings.status, 'open'),
      ),
    )
    .prepare('open_seat_rows_among'),
);
const seatRowsByEnrolment = preparedStatement((db) =>
  seatRowsFrom(db)
    .where(eq(enrolments.id, sql.placeholder('id')))
    .limit(1)
    .prepare('seat_rows_by_enrolment'),
);

async function firstSeat(
  rows: Promise<{ enrolment: EnrolmentRow; sitting: SittingRow; profile: ProfileRow | null }[]>,
) {
  const [row] = await rows;
  return (
    row && { enrolment: row.enrolment, sitting: row.sitting, profile: row.profile ?? undefined }
  );
}

/**
 * Each candidate's seat in a sitting that is open now (at most one is expected), for many
 * candidates in one statement (seats.ts batches the asks).
 */
export async function findOpenSeatRowsAmong(
  db: DbOrTx,
  candidateIds: readonly string[],
): Promise<Map<string, SeatRows>> {
  const found = new Map<string, SeatRows>();
  if (candidateIds.length === 0) return found;
  const rows = await openSeatRowsAmong(db, { ids: arrayLiteral(candidateIds) });
  for (const row of rows) {
    if (found.has(row.enrolment.candidateId)) continue;
    found.set(row.enrolment.candidateId, {
      enrolment: row.enrolment,
      sitting: row.sitting,
      profile: row.profile ?? undefined,
    });
  }
  return found;
}

export const findSeatRowsByEnrolment = (
  db: DbOrTx,
  enrolmentId: string,
): Promise<SeatRows | undefined> => firstSeat(seatRowsByEnrolment(db, { id: enrolmentId }));

/** Which of these enrolments are admitted now, in one read. */
export async function admittedAmong(
  db: DbOrTx,
  enrolmentIds: readonly string[],
): Promise<Set<string>> {
  if (enrolmentIds.length === 0) return new Set();
  const rows = await db
    .select({ id: enrolments.id })
    .from(enrolments)
    .where(
      and(
        sql`${enrolments.id} = any(${arrayOf(enrolmentIds)}::uuid[])`,
        isNotNull(enrolments.admittedAt),
      ),
    );
  return new Set(rows.map((row) => row.id));
}
