import { noAccommodations } from '../accommodations.js';
import { reason, target, type RouteScope } from './route-scope.js';

const sittingInput = {
  name: 'Renamed by another association',
  applicationCycle: null,
  date: null,
  startTime: null,
  startWindowMinutes: 60,
  timeZone: 'UTC',
  remote: true,
  location: null,
  part1Minutes: 90,
  part2Minutes: 90,
  forms: { 'IMH-E': null, 'ECMH-E': null },
  vignetteSetIds: [],
  proctorIds: [],
  policies: { spellcheck: false, paste: 'plain-text', wordLimit: null, partTwoPassingRule: {} },
};

/** Sittings, their enrolments and candidates, and accommodation requests (issue 22). */
export const sittingRoutes: Record<string, RouteScope> = {
  'GET /api/sittings': { kind: 'list' },
  'POST /api/sittings': { kind: 'own' },
  'GET /api/sittings/:id': target((a) => `/api/sittings/${a.sittingId}`),
  'PUT /api/sittings/:id': target(
    (a) => `/api/sittings/${a.sittingId}`,
    () => sittingInput,
  ),
  'PUT /api/sittings/:id/proctors': target(
    (a) => `/api/sittings/${a.sittingId}/proctors`,
    () => ({ proctorIds: [] }),
  ),
  'GET /api/sittings/:id/readiness': target((a) => `/api/sittings/${a.sittingId}/readiness`),
  'GET /api/sittings/:id/clock': target((a) => `/api/sittings/${a.sittingId}/clock`),
  'POST /api/sittings/:id/clock': target(
    (a) => `/api/sittings/${a.sittingId}/clock`,
    () => ({ action: 'close', reason: 'Closing another association' }),
  ),
  'POST /api/sittings/:id/transition': target(
    (a) => `/api/sittings/${a.sittingId}/transition`,
    () => ({ to: 'closed' }),
  ),
  'GET /api/sittings/:id/exports/roster.csv': target(
    (a) => `/api/sittings/${a.sittingId}/exports/roster.csv`,
  ),
  'GET /api/sittings/:id/exports/attempts.csv': target(
    (a) => `/api/sittings/${a.sittingId}/exports/attempts.csv`,
  ),
  'GET /api/sittings/:id/enrolments': target((a) => `/api/sittings/${a.sittingId}/enrolments`),
  'POST /api/sittings/:id/enrolments': target(
    (a) => `/api/sittings/${a.sittingId}/enrolments`,
    (a) => ({
      candidate: { kind: 'existing', candidateId: a.candidateId },
      endorsement: 'IMH-E',
      category: 'mental-health-specialist',
      track: null,
      examEndorsement: 'IMH-E',
    }),
  ),
  'POST /api/sittings/:id/enrolments/import': target(
    (a) => `/api/sittings/${a.sittingId}/enrolments/import`,
    () => ({ csv: 'email,name\nx@y.test,X', createAccounts: true, commit: true }),
  ),
  'DELETE /api/sittings/:id/enrolments/:enrolmentId': target(
    (a) => `/api/sittings/${a.sittingId}/enrolments/${a.enrolmentId}`,
  ),
  'GET /api/candidates': { kind: 'list' },
  'GET /api/candidates/:id': target((a) => `/api/candidates/${a.candidateId}`),
  'PUT /api/candidates/:id/accommodations': target(
    (a) => `/api/candidates/${a.candidateId}/accommodations`,
    () => noAccommodations,
  ),
  // Accommodation requests (issue 22): the candidate's own; the coordinator's per enrolment.
  'GET /api/accommodation-requests/mine': { kind: 'own' },
  'POST /api/accommodation-requests': { kind: 'own' },
  'GET /api/accommodation-requests': { kind: 'list' },
  'GET /api/enrolments/:enrolmentId/accommodation-request': target(
    (a) => `/api/enrolments/${a.enrolmentId}/accommodation-request`,
  ),
  'GET /api/enrolments/:enrolmentId/accommodation-request/documents/:documentId': target(
    (a) =>
      `/api/enrolments/${a.enrolmentId}/accommodation-request/documents/00000000-0000-4000-8000-000000000001`,
  ),
  'POST /api/enrolments/:enrolmentId/accommodation-request/approve': target(
    (a) => `/api/enrolments/${a.enrolmentId}/accommodation-request/approve`,
    () => ({
      extraTimePercent: 50,
      breaks: false,
      largeText: false,
      separateRoom: false,
      reader: false,
      other: null,
    }),
  ),
  'POST /api/enrolments/:enrolmentId/accommodation-request/decline': target(
    (a) => `/api/enrolments/${a.enrolmentId}/accommodation-request/decline`,
    () => reason,
  ),
};
