import type { MyProfile } from '@exam/shared/api';
import { asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { candidateProfiles } from '../../db/schema/candidates.js';
import { enrolments, sittings } from '../../db/schema/sittings.js';
import { iso, isoOrNull } from '../../lib/iso.js';

/** One enrolment of the candidate, with the sitting it is for and the association running it. */
export interface EnrolmentData {
  id: string;
  sittingId: string;
  sittingName: string;
  sittingDate: string | null;
  associationId: string;
  examEndorsement: string;
  category: string;
  track: string | null;
  enrolledAt: string;
  admittedAt: string | null;
}

/**
 * The read side sittings gives the privacy module: one candidate's profile (with accommodations)
 * and enrolments. Who enrolled or admitted them is staff and stays out.
 */
export async function candidateDataOf(
  db: DbOrTx,
  candidateId: string,
): Promise<{ profile: MyProfile | null; enrolments: EnrolmentData[] }> {
  const [[profile], rows] = await Promise.all([
    db.select().from(candidateProfiles).where(eq(candidateProfiles.userId, candidateId)),
    db
      .select({
        id: enrolments.id,
        sittingId: enrolments.sittingId,
        sittingName: sittings.name,
        startsAt: sittings.startsAt,
        associationId: sittings.associationId,
        examEndorsement: enrolments.examEndorsement,
        category: enrolments.category,
        track: enrolments.track,
        enrolledAt: enrolments.enrolledAt,
        admittedAt: enrolments.admittedAt,
      })
      .from(enrolments)
      .innerJoin(sittings, eq(sittings.id, enrolments.sittingId))
      .where(eq(enrolments.candidateId, candidateId))
      .orderBy(asc(enrolments.enrolledAt)),
  ]);
  return {
    profile: profile
      ? {
          endorsement: profile.endorsement,
          category: profile.category,
          track: profile.track,
          accommodations: {
            timeMultiplier: profile.timeMultiplier,
            extraMinutesPart1: profile.extraMinutesPart1,
            extraMinutesPart2: profile.extraMinutesPart2,
            breaks: profile.breaks,
            largeText: profile.largeText,
            highContrast: profile.highContrast,
            notes: profile.accommodationNotes,
            validUntil: isoOrNull(profile.accommodationValidUntil),
          },
        }
      : null,
    enrolments: rows.map(({ startsAt, enrolledAt, admittedAt, ...row }) => ({
      ...row,
      sittingDate: isoOrNull(startsAt),
      enrolledAt: iso(enrolledAt),
      admittedAt: isoOrNull(admittedAt),
    })),
  };
}

/** Sittings' names and associations by id, for the retention purge's dry run. */
export async function sittingsByIds(
  db: DbOrTx,
  ids: readonly string[],
): Promise<Map<string, { name: string; associationId: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: sittings.id, name: sittings.name, associationId: sittings.associationId })
    .from(sittings)
    .where(inArray(sittings.id, [...ids]));
  return new Map(rows.map((row) => [row.id, { name: row.name, associationId: row.associationId }]));
}
