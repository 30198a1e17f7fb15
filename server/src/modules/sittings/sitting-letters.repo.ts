import { and, eq } from 'drizzle-orm';
import { associationIdOf, type Scope } from '../../db/association-scope.js';
import type { DbOrTx } from '../../db/client.js';
import { enrolments, sittings } from '../../db/schema/sittings.js';

/** What a results letter says about where and as whom the candidate sat. */
export interface LetterSitting {
  sittingId: string;
  sittingName: string;
  status: string;
  associationId: string;
  startsAt: Date | null;
  examEndorsement: string;
  category: string;
  track: string | null;
}

/**
 * One candidate's enrolment in one sitting, as a results letter needs it; undefined when the
 * candidate was not enrolled or the sitting belongs to an association outside `scope`.
 */
export async function letterSittingOf(
  db: DbOrTx,
  scope: Scope,
  sittingId: string,
  candidateId: string,
): Promise<LetterSitting | undefined> {
  const associationId = associationIdOf(scope);
  const rows = await db
    .select({
      sittingId: sittings.id,
      sittingName: sittings.name,
      status: sittings.status,
      associationId: sittings.associationId,
      startsAt: sittings.startsAt,
      examEndorsement: enrolments.examEndorsement,
      category: enrolments.category,
      track: enrolments.track,
    })
    .from(enrolments)
    .innerJoin(sittings, eq(sittings.id, enrolments.sittingId))
    .where(
      and(
        eq(enrolments.sittingId, sittingId),
        eq(enrolments.candidateId, candidateId),
        associationId === undefined ? undefined : eq(sittings.associationId, associationId),
      ),
    );
  return rows[0];
}

/** A sitting's name and status when it lies within `scope`; undefined otherwise. */
export async function scopedSittingOf(
  db: DbOrTx,
  scope: Scope,
  sittingId: string,
): Promise<{ id: string; name: string; status: string } | undefined> {
  const associationId = associationIdOf(scope);
  const rows = await db
    .select({ id: sittings.id, name: sittings.name, status: sittings.status })
    .from(sittings)
    .where(
      and(
        eq(sittings.id, sittingId),
        associationId === undefined ? undefined : eq(sittings.associationId, associationId),
      ),
    );
  return rows[0];
}
