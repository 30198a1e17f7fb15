import { target, type RouteScope } from './route-scope.js';

/** Results, feedback, letters and their verification, scoring corrections and appeals. */
export const resultRoutes: Record<string, RouteScope> = {
  'GET /api/appeals/mine': { kind: 'own' },
  'POST /api/appeals': { kind: 'own' },
  'GET /api/appeals': { kind: 'list' },
  'GET /api/appeals/settings': { kind: 'own' },
  'PUT /api/appeals/settings': { kind: 'own' },
  'GET /api/appeals/sittings/:sittingId/report.csv': target(
    (a) => `/api/appeals/sittings/${a.sittingId}/report.csv`,
  ),
  'GET /api/appeals/:id': target((a) => `/api/appeals/${a.appealId}`),
  'POST /api/appeals/:id/triage': target(
    (a) => `/api/appeals/${a.appealId}/triage`,
    () => ({ decision: 'accept' }),
  ),
  'POST /api/appeals/:id/find-reviewer': target((a) => `/api/appeals/${a.appealId}/find-reviewer`),
  'POST /api/appeals/:id/decide': target(
    (a) => `/api/appeals/${a.appealId}/decide`,
    () => ({ outcome: 'upheld', reply: 'Decided by another association' }),
  ),
  'GET /api/results/sittings': { kind: 'list' },
  'GET /api/results/sittings/:id': target((a) => `/api/results/sittings/${a.sittingId}`),
  'PUT /api/results/sittings/:id/rules': target(
    (a) => `/api/results/sittings/${a.sittingId}/rules`,
    () => ({ tolerancePerCriterion: 1, toleranceTotal: 3, passingRules: {} }),
  ),
  'POST /api/results/sittings/:id/release': target(
    (a) => `/api/results/sittings/${a.sittingId}/release`,
  ),
  'GET /api/results/sittings/:id/results.csv': target(
    (a) => `/api/results/sittings/${a.sittingId}/results.csv`,
  ),
  'GET /api/results/sittings/:id/scores.csv': target(
    (a) => `/api/results/sittings/${a.sittingId}/scores.csv`,
  ),
  'GET /api/results/mine': { kind: 'own' },
  'GET /api/results/sittings/:id/feedback': target(
    (a) => `/api/results/sittings/${a.sittingId}/feedback`,
  ),
  'PUT /api/results/sittings/:id/feedback/comment': target(
    (a) => `/api/results/sittings/${a.sittingId}/feedback/comment`,
    (a) => ({ assignmentId: a.enrolmentId, criterionId: 'c1', text: 'Another association' }),
  ),
  'POST /api/results/sittings/:id/feedback/approvals': target(
    (a) => `/api/results/sittings/${a.sittingId}/feedback/approvals`,
    (a) => ({ approvals: [{ candidateId: a.candidateId, fingerprint: 'a'.repeat(64) }] }),
  ),
  'GET /api/study-pointers': { kind: 'programme' },
  'PUT /api/study-pointers/:domain': { kind: 'programme' },
  'GET /api/scoring-corrections/sittings/:id': target(
    (a) => `/api/scoring-corrections/sittings/${a.sittingId}`,
  ),
  'POST /api/scoring-corrections/sittings/:id': target(
    (a) => `/api/scoring-corrections/sittings/${a.sittingId}`,
    (a) => ({ kind: 'void', formId: a.formId, position: 1, reason: 'Another association' }),
  ),
  'GET /api/letters/mine': { kind: 'own' },
  'GET /api/letters/sittings/:sittingId': target((a) => `/api/letters/sittings/${a.sittingId}`),
  'GET /api/letters/sittings/:sittingId/candidates/:candidateId/letter.pdf': target(
    (a) => `/api/letters/sittings/${a.sittingId}/candidates/${a.candidateId}/letter.pdf`,
  ),
  'GET /api/verify/:identifier': { kind: 'public' },
};
