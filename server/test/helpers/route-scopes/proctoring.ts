import { target, reason, type RouteScope } from './route-scope.js';

/** Delivery's responses, the two websockets, proctoring and check-in. */
export const proctoringRoutes: Record<string, RouteScope> = {
  'GET /api/attempts/:attemptId/responses': target((a) => `/api/attempts/${a.attemptId}/responses`),
  'GET /api/attempts/:attemptId/responses/:vignette/history': target(
    (a) => `/api/attempts/${a.attemptId}/responses/1/history`,
  ),
  'POST /api/attempts/:attemptId/responses/:vignette/restore': target(
    (a) => `/api/attempts/${a.attemptId}/responses/1/restore`,
    () => ({ snapshotId: 1, ...reason }),
  ),
  'GET /ws/exam': { kind: 'own' },
  'GET /ws/proctor': target((a) => `/ws/proctor?sitting=${a.sittingId}`),
  'GET /api/proctoring/sittings': { kind: 'list' },
  // Identity at check-in: the candidate's own; the proctor's beside the roster.
  'GET /api/check-in/mine': { kind: 'own' },
  'POST /api/check-in/mine/photos': { kind: 'own' },
  'POST /api/check-in/mine/no-camera': { kind: 'own' },
  'GET /api/proctoring/sittings/:sittingId/check-ins': target(
    (a) => `/api/proctoring/sittings/${a.sittingId}/check-ins`,
  ),
  'GET /api/proctoring/enrolments/:enrolmentId/check-in/photos/:photoId': target(
    (a) =>
      `/api/proctoring/enrolments/${a.enrolmentId}/check-in/photos/00000000-0000-4000-8000-000000000001`,
  ),
  'POST /api/proctoring/enrolments/:enrolmentId/check-in/decision': target(
    (a) => `/api/proctoring/enrolments/${a.enrolmentId}/check-in/decision`,
    () => ({ decision: 'admit', reason: 'Checking another association' }),
  ),
  ...Object.fromEntries(
    ['admit', 'pause', 'resume', 'end', 'resume-code'].map((action) => [
      `POST /api/proctoring/enrolments/:enrolmentId/${action}`,
      target(
        (a) => `/api/proctoring/enrolments/${a.enrolmentId}/${action}`,
        () => reason,
      ),
    ]),
  ),
  'POST /api/proctoring/enrolments/:enrolmentId/extend': target(
    (a) => `/api/proctoring/enrolments/${a.enrolmentId}/extend`,
    () => ({ minutes: 5, ...reason }),
  ),
  'POST /api/proctoring/enrolments/:enrolmentId/credit': target(
    (a) => `/api/proctoring/enrolments/${a.enrolmentId}/credit`,
    () => ({ disconnectId: 1, ...reason }),
  ),
  'GET /api/proctoring/enrolments/:enrolmentId/disconnects': target(
    (a) => `/api/proctoring/enrolments/${a.enrolmentId}/disconnects`,
  ),
  'GET /api/proctoring/enrolments/:enrolmentId/ledger': target(
    (a) => `/api/proctoring/enrolments/${a.enrolmentId}/ledger`,
  ),
  'POST /api/proctoring/sittings/:sittingId/pause': target(
    (a) => `/api/proctoring/sittings/${a.sittingId}/pause`,
    () => reason,
  ),
  'POST /api/proctoring/sittings/:sittingId/resume': target(
    (a) => `/api/proctoring/sittings/${a.sittingId}/resume`,
    () => reason,
  ),
  'POST /api/proctoring/sittings/:sittingId/incidents': target(
    (a) => `/api/proctoring/sittings/${a.sittingId}/incidents`,
    () => ({ enrolmentId: null, category: 'other', note: 'Written by another association' }),
  ),
  'GET /api/proctoring/sittings/:sittingId/incident-report': target(
    (a) => `/api/proctoring/sittings/${a.sittingId}/incident-report`,
  ),
  'GET /api/proctoring/sittings/:sittingId/incident-report.csv': target(
    (a) => `/api/proctoring/sittings/${a.sittingId}/incident-report.csv`,
  ),
  'GET /api/proctoring/lobby': { kind: 'own' },
  'POST /api/proctoring/resume-codes/redeem': { kind: 'own' },
  'GET /api/proctoring/sittings/:sittingId/late-changes': target(
    (a) => `/api/proctoring/sittings/${a.sittingId}/late-changes`,
  ),
  'POST /api/proctoring/late-changes/:id/decision': target(
    (a) => `/api/proctoring/late-changes/${a.lateChangeId}/decision`,
    () => ({ decision: 'decline', ...reason }),
  ),
};
