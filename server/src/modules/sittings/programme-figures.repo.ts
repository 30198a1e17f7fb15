import { asc, eq } from 'drizzle-orm';
import type { Scope } from '../../db/association-scope.js';
import type { DbOrTx } from '../../db/client.js';
import { enrolments, sittings } from '../../db/schema/sittings.js';
import { sittingInScope } from './sittings.repo.js';

/** Every sitting the scope reaches, with what the programme's calendar shows of it. */
export function sittingsForProgramme(db: DbOrTx, scope: Scope) {
  return db
    .select({
      id: sittings.id,
      name: sittings.name,
      associationId: sittings.associationId,
      status: sittings.status,
      startsAt: sittings.startsAt,
      timeZone: sittings.timeZone,
      applicationCycle: sittings.applicationCycle,
    })
    .from(sittings)
    .where(sittingInScope(scope))
    .orderBy(asc(sittings.startsAt), asc(sittings.name));
}

/** Every enrolment the scope reaches, with its sitting's association and cycle. */
export function enrolmentsForProgramme(db: DbOrTx, scope: Scope) {
  return db
    .select({
      sittingId: enrolments.sittingId,
      candidateId: enrolments.candidateId,
      endorsement: enrolments.examEndorsement,
      associationId: sittings.associationId,
      applicationCycle: sittings.applicationCycle,
      enrolledAt: enrolments.enrolledAt,
    })
    .from(enrolments)
    .innerJoin(sittings, eq(sittings.id, enrolments.sittingId))
    .where(sittingInScope(scope));
}
