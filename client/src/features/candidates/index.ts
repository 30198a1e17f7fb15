/** Candidates and their accommodations. */
export { AccommodationsPage } from './AccommodationsPage';
export { CandidatesPage } from './CandidatesPage';
export { listCandidates } from './candidates.api';
