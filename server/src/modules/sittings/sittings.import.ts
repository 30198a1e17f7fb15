import type { Category, Endorsement, ExamEndorsement, MentorTrack } from '@exam/shared/domain';
import { programmeScope } from '../../db/association-scope.js';
import type { Db, DbOrTx } from '../../db/client.js';
import type { SittingInsert } from './sittings.repo.js';
import * as profilesRepo from './profiles.repo.js';
import * as enrolmentsRepo from './enrolments.repo.js';
import * as sittingsRepo from './sittings.repo.js';

/** A candidate's credential profile to import, for an account that already exists. */
export interface CandidateProfileImport {
  userId: string;
  endorsement: Endorsement;
  category: Category;
  track: MentorTrack | null;
}

/** Stores candidates' profiles (first-start content; coordinators edit them through the API). */
export async function importCandidateProfiles(
  db: DbOrTx,
  profiles: readonly CandidateProfileImport[],
): Promise<void> {
  for (const profile of profiles) await profilesRepo.upsertProfile(db, programmeScope, profile);
}

/** The candidates' profiles by user id: what a sitting built from imported content enrols. */
export async function candidateProfilesOf(
  db: DbOrTx,
  userIds: readonly string[],
): Promise<CandidateProfileImport[]> {
  const rows = await profilesRepo.findProfiles(db, programmeScope, userIds);
  return rows.map((r) => ({
    userId: r.userId,
    endorsement: r.endorsement as Endorsement,
    category: r.category as Category,
    track: r.track as MentorTrack | null,
  }));
}

/** A sitting to import as it stands, with its proctors and enrolments. */
export interface SittingImport {
  sitting: Pick<
    SittingInsert,
    'associationId' | 'name' | 'status' | 'startsAt' | 'forms' | 'vignetteSets' | 'policies'
  > &
    Partial<Pick<SittingInsert, 'timeZone' | 'location' | 'remote' | 'applicationCycle'>>;
  proctorIds: readonly string[];
  enrolments: readonly {
    candidateId: string;
    examEndorsement: ExamEndorsement;
    category: Category;
    track: MentorTrack | null;
    admittedAt: Date | null;
  }[];
}

/**
 * Stores a sitting in the state given, skipping the scheduling checks and audit a coordinator's
 * sitting goes through: for a ready-made practice sitting in an empty database (the demo).
 * Returns its id.
 */
export async function importSitting(db: Db, content: SittingImport): Promise<string> {
  return db.transaction(async (tx) => {
    const sitting = await sittingsRepo.insertSitting(tx, programmeScope, content.sitting);
    await sittingsRepo.replaceProctors(tx, programmeScope, sitting.id, content.proctorIds);
    for (const enrolment of content.enrolments)
      await enrolmentsRepo.insertEnrolment(tx, programmeScope, {
        sittingId: sitting.id,
        ...enrolment,
      });
    return sitting.id;
  });
}
