export { createSittingsModule } from './sittings.module.js';
export { createVignetteSetUsage } from './vignette-usage.js';
export { createSittingsService } from './sittings.service.js';
export type { CandidateSeat, SittingsService } from './sittings.service.js';
export { createSittingResultsAccess } from './sittings.results.js';
export type {
  EnrolmentForResults,
  SittingForResults,
  SittingResultsAccess,
} from './sittings.results.js';
export { createAdmissionService } from './admission.js';
export type { AdmissionService, ProctoredSitting, RosterEntry } from './admission.js';
export type { RoomPause } from './room-pause.repo.js';
export type {
  AccommodationChange,
  AccommodationLedger,
  AttemptPartStatus,
  AttemptStatusRecord,
  AttemptStatusSource,
} from './sittings.deps.js';
export { assertTransition, transitionsFrom } from './sitting-status.js';
export { associationOfSitting, candidatesOfEnrolments } from './sittings.ownership.js';
export { candidateProfilesOf, importCandidateProfiles, importSitting } from './sittings.import.js';
export type { CandidateProfileImport, SittingImport } from './sittings.import.js';
export { letterSittingOf, scopedSittingOf } from './sitting-letters.repo.js';
export type { LetterSitting } from './sitting-letters.repo.js';
export { createSittingsProgrammeAccess } from './sittings.programme.js';
export type {
  EnrolmentForProgramme,
  SittingForProgramme,
  SittingsProgrammeAccess,
} from './sittings.programme.js';
export { candidateDataOf, sittingsByIds } from './sittings.privacy.js';
export type { EnrolmentData } from './sittings.privacy.js';
export {
  bookableSittingOf,
  enrollingSittingsStartingBetween,
  bookableSittingsOf,
  enrolForBooking,
  withdrawBookingEnrolment,
} from './booking-enrolments.js';
export type { BookableSitting } from './booking-enrolments.js';
export { enrolmentsWithRequests, purgeDocumentsOfSitting } from './accommodation-requests.repo.js';
export { requestDeadline } from './accommodation-grant.js';
export { accommodationsOfCandidates } from './accommodations-of.js';
export { sittingsForRetakes, upcomingSittingsOf } from './sittings.retakes.js';
export type { SittingForRetakes } from './sittings.retakes.js';
export type { SittingClockService } from './sitting-clock.js';
export { accommodationRequestsOf } from './accommodation-requests.privacy.js';
