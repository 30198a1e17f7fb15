import { and, asc, eq, gt, inArray, lte } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { enrolments, sittings } from '../../db/schema/sittings.js';
import type { EnrolmentRow, SittingRow } from './sittings.repo.js';

/**
 * Every association's scheduled sittings starting in (from, to], with their enrolments: the
 * reminder job's work list. Programme-wide on purpose (the job runs on the leader for all).
 */
export async function enrolmentsStartingBetween(
  db: DbOrTx,
  from: Date,
  to: Date,
): Promise<Array<{ sitting: SittingRow; enrolment: EnrolmentRow }>> {
  return db
    .select({ sitting: sittings, enrolment: enrolments })
    .from(enrolments)
    .innerJoin(sittings, eq(sittings.id, enrolments.sittingId))
    .where(
      and(
        eq(sittings.status, 'scheduled'),
        gt(sittings.startsAt, from),
        lte(sittings.startsAt, to),
      ),
    );
}

/** The candidate's next sitting with a date, scheduled or open: what an approval mail names. */
export async function nextSittingOf(
  db: DbOrTx,
  associationId: string | undefined,
  candidateId: string,
  now: Date,
): Promise<SittingRow | null> {
  const [row] = await db
    .select({ sitting: sittings })
    .from(enrolments)
    .innerJoin(sittings, eq(sittings.id, enrolments.sittingId))
    .where(
      and(
        eq(enrolments.candidateId, candidateId),
        associationId ? eq(sittings.associationId, associationId) : undefined,
        inArray(sittings.status, ['scheduled', 'open']),
        gt(sittings.startsAt, new Date(now.getTime() - 24 * 3600_000)),
      ),
    )
    .orderBy(asc(sittings.startsAt))
    .limit(1);
  return row?.sitting ?? null;
}
