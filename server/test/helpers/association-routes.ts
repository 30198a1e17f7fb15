/**
 * Every HTTP route, classified by whose data it reaches, for the association isolation walk
 * (association-isolation.test.ts). A route missing from this table fails that test, so a new
 * route cannot ship without someone deciding how it is scoped.
 *
 * - `public`: no sign-in (login, setup, verification).
 * - `own`: reaches only the caller's own things (their session, their results, their grading
 *   queue), never an object named in the URL that another association owns.
 * - `programme`: the programme's shared content (bank, vignette sets, rubrics, graders, analysis,
 *   standard setting, audit), the same for every association by design.
 * - `list`: lists association-owned things; B's people must not find any of A's ids in it.
 * - `target`: names one of A's objects in the URL; B's people must get 404 and change nothing.
 * - `shared`: names one of the programme's objects that touches A's (a grader's pause, whose
 *   readings include A's responses); B's people may read it, but nothing of A's in it.
 */
export interface AssociationAObjects {
  associationId: string;
  sittingId: string;
  enrolmentId: string;
  candidateId: string;
  attemptId: string;
  lateChangeId: string;
  formId: string;
  /** A message in A's mail (the Mail page). */
  mailId: string;
  /** An open invitation A's coordinator sent to A's candidate. */
  invitationId: string;
  /** A requested appeal of A's candidate. */
  appealId: string;
  /** The grading code of a Part Two response of A's candidate. */
  responseCode: string;
  /** The grader who read that response (a programme grader) and their annotation on it. */
  readerId: string;
  annotationId: string;
  /** A signed-in session of A's candidate. */
  sessionId: string;
  /** A pause of the grader who read A's response (the programme's; its readings are A's). */
  pauseId: string;
}

export type RouteScope =
  | { kind: 'public' | 'own' | 'programme' | 'list' }
  | { kind: 'shared'; url: (a: AssociationAObjects) => string }
  | {
      kind: 'target';
      url: (a: AssociationAObjects) => string;
      body?: (a: AssociationAObjects) => unknown;
    };

const reason = { reason: 'Checking another association' };
const noAccommodations = {
  timeMultiplier: 1,
  extraMinutesPart1: 0,
  extraMinutesPart2: 0,
  breaks: false,
  largeText: false,
  highContrast: false,
  notes: null,
  validUntil: null,
};
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

const target = (
  url: (a: AssociationAObjects) => string,
  body?: (a: AssociationAObjects) => unknown,
): RouteScope => ({ kind: 'target', url, ...(body ? { body } : {}) });

export const routeScopes: Record<string, RouteScope> = {
  'POST /api/auth/login': { kind: 'public' },
  'POST /api/auth/logout': { kind: 'own' },
  'GET /api/auth/session': { kind: 'own' },
  'GET /api/auth/session/current': { kind: 'own' },
  'POST /api/auth/login/two-factor': { kind: 'public' },
  'POST /api/auth/password-check': { kind: 'public' },
  'POST /api/auth/forgot-password': { kind: 'public' },
  'POST /api/auth/reset-password': { kind: 'public' },
  'POST /api/auth/unlock': { kind: 'public' },
  'POST /api/auth/invitation': { kind: 'public' },
  'POST /api/auth/invitation/accept': { kind: 'public' },
  'GET /api/invitations': { kind: 'list' },
  'POST /api/invitations/:id/resend': target((a) => `/api/invitations/${a.invitationId}/resend`),
  'POST /api/invitations/:id/revoke': target((a) => `/api/invitations/${a.invitationId}/revoke`),
  'POST /api/account/password': { kind: 'own' },
  'GET /api/account/sessions': { kind: 'own' },
  'DELETE /api/account/sessions/:sessionId': target((a) => `/api/account/sessions/${a.sessionId}`),
  'GET /api/account/two-factor': { kind: 'own' },
  'POST /api/account/two-factor/enrolment': { kind: 'own' },
  'POST /api/account/two-factor/confirm': { kind: 'own' },
  'POST /api/account/two-factor/disable': { kind: 'own' },
  // Administrators only: programme-wide by role.
  'POST /api/users/:userId/two-factor/reset': { kind: 'programme' },
  'POST /api/auth/association': target(
    () => '/api/auth/association',
    (a) => ({ associationId: a.associationId }),
  ),
  'GET /api/users': { kind: 'list' },
  'POST /api/users': { kind: 'own' },
  'PUT /api/users/:id/roles': target(
    (a) => `/api/users/${a.candidateId}/roles`,
    () => ({ roles: ['proctor'] }),
  ),
  'POST /api/setup/check': { kind: 'public' },
  'POST /api/setup/administrator': { kind: 'public' },

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

  'GET /api/grading/queue': { kind: 'own' },
  'GET /api/grading/queue/:code': { kind: 'own' },
  'PUT /api/grading/queue/:code/draft': { kind: 'own' },
  'POST /api/grading/queue/:code/submit': { kind: 'own' },
  'GET /api/grading/conflicts': { kind: 'own' },
  'POST /api/grading/conflicts': { kind: 'own' },
  'GET /api/grading/rubrics': { kind: 'programme' },
  'POST /api/grading/rubrics': { kind: 'programme' },
  'PUT /api/grading/rubrics/:id': { kind: 'programme' },
  'GET /api/grading/graders': { kind: 'programme' },
  'PUT /api/grading/graders/:id': { kind: 'programme' },
  'POST /api/grading/graders/:id/conflicts': { kind: 'programme' },
  'POST /api/grading/graders/:id/conflicts/remove': { kind: 'programme' },
  'POST /api/grading/items/:code/reopen': target(
    (a) => `/api/grading/items/${a.responseCode}/reopen`,
    (a) => ({ graderId: a.readerId, ...reason }),
  ),
  'GET /api/grading/benchmarks': { kind: 'programme' },
  'GET /api/grading/benchmark-sources': { kind: 'list' },
  'POST /api/grading/benchmarks': { kind: 'programme' },
  'GET /api/grading/benchmarks/:id': { kind: 'programme' },
  'PUT /api/grading/benchmarks/:id': { kind: 'programme' },
  'GET /api/grading/calibration-settings': { kind: 'programme' },
  'GET /api/grading/comment-bank': { kind: 'programme' },
  'GET /api/grading/comment-bank/curation': { kind: 'programme' },
  'POST /api/grading/comment-bank': { kind: 'programme' },
  'PUT /api/grading/comment-bank/:id': { kind: 'programme' },
  'PUT /api/grading/calibration-settings': { kind: 'programme' },
  'GET /api/grading/qualification': { kind: 'own' },
  'POST /api/grading/qualification': { kind: 'own' },
  'GET /api/grading/qualification/:id': { kind: 'own' },
  'PUT /api/grading/qualification/:id/responses/:position': { kind: 'own' },
  'POST /api/grading/qualification/:id/finish': { kind: 'own' },
  'GET /api/grading/qualifications': { kind: 'programme' },
  'POST /api/grading/qualifications/decide': { kind: 'programme' },
  'GET /api/grading/monitoring': { kind: 'programme' },
  'GET /api/grading/monitoring/pauses/:id': {
    kind: 'shared',
    url: (a) => `/api/grading/monitoring/pauses/${a.pauseId}`,
  },
  'POST /api/grading/monitoring/pauses/:id/lift': { kind: 'programme' },
  'POST /api/grading/monitoring/send-to-another-reader': { kind: 'programme' },
  'GET /api/grading/items/:code/annotations': target(
    (a) => `/api/grading/items/${a.responseCode}/annotations`,
  ),
  'PUT /api/grading/items/:code/annotations/:id': target(
    (a) => `/api/grading/items/${a.responseCode}/annotations/${a.annotationId}`,
    () => ({ include: true }),
  ),
  'GET /api/grading/queue/:code/annotations': { kind: 'own' },
  'GET /api/bookings/mine': { kind: 'own' },
  'GET /api/bookings/mine/dates': { kind: 'own' },
  'POST /api/bookings': { kind: 'own' },
  // A booking or authorisation id is the fixture's nowhere; bookings.test.ts proves B gets 404.
  'POST /api/bookings/:id/cancel': { kind: 'programme' },
  'POST /api/bookings/:id/reschedule': { kind: 'programme' },
  'POST /api/bookings/:id/withdraw': { kind: 'programme' },
  'POST /api/bookings/:id/no-show': { kind: 'programme' },
  'POST /api/bookings/authorisations/:id/extend': { kind: 'programme' },
  'GET /api/bookings/settings': { kind: 'own' },
  'PUT /api/bookings/settings': { kind: 'own' },
  'GET /api/bookings/authorisations': { kind: 'list' },
  'POST /api/bookings/authorisations': { kind: 'own' },
  'POST /api/bookings/authorisations/import': { kind: 'own' },
  'GET /api/bookings/sittings': { kind: 'list' },
  'GET /api/bookings/sittings/:id': target((a) => `/api/bookings/sittings/${a.sittingId}`),
  'PUT /api/bookings/sittings/:id/seats': target(
    (a) => `/api/bookings/sittings/${a.sittingId}/seats`,
    () => ({ capacity: 1, bookingOpensAt: null, bookingClosesAt: null, cancelCutoffAt: null }),
  ),
  'POST /api/bookings/sittings/:id/place': target(
    (a) => `/api/bookings/sittings/${a.sittingId}/place`,
    () => ({ email: 'candidate@demo.test', overCapacityReason: 'Another association' }),
  ),
  'GET /api/retakes/mine': { kind: 'own' },
  'POST /api/retakes': { kind: 'own' },
  'GET /api/retakes': { kind: 'list' },
  // A retake request id is the fixture's nowhere; retakes.test.ts proves B's coordinator gets 404.
  'POST /api/retakes/:id/approve': { kind: 'programme' },
  'POST /api/retakes/:id/decline': { kind: 'programme' },
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
  'POST /api/grading/queue/:code/annotations': { kind: 'own' },
  'DELETE /api/grading/queue/:code/annotations/:id': { kind: 'own' },

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
  'GET /api/users/associations': { kind: 'list' },
  'GET /api/associations': { kind: 'programme' },
  'POST /api/associations': { kind: 'programme' },
  'GET /api/associations/:id': target((a) => `/api/associations/${a.associationId}`),
  'PUT /api/associations/:id': target(
    (a) => `/api/associations/${a.associationId}`,
    () => ({
      name: 'Taken over',
      shortName: 'TAKEN',
      logo: null,
      contactEmail: 'taken@b.test',
      timeZone: 'UTC',
      applicationDeadlines: ['01-31'],
      retentionYears: 7,
      mailSender: null,
    }),
  ),
  'GET /api/branding': { kind: 'own' },
  'GET /api/grading/programme-rule': { kind: 'programme' },
  'PUT /api/grading/programme-rule': { kind: 'programme' },
  'GET /api/letters/mine': { kind: 'own' },
  'GET /api/letters/sittings/:sittingId': target((a) => `/api/letters/sittings/${a.sittingId}`),
  'GET /api/letters/sittings/:sittingId/candidates/:candidateId/letter.pdf': target(
    (a) => `/api/letters/sittings/${a.sittingId}/candidates/${a.candidateId}/letter.pdf`,
  ),
  'GET /api/verify/:identifier': { kind: 'public' },
  'GET /api/programme/overview': { kind: 'programme' },
  'GET /api/programme/export.csv': { kind: 'programme' },
  'GET /api/programme/export.xlsx': { kind: 'programme' },
  'GET /api/audit/entries': { kind: 'programme' },
  'GET /api/audit/verify': { kind: 'programme' },
  'GET /api/audit/export': { kind: 'programme' },
  'GET /api/privacy/my-data': { kind: 'own' },
  'GET /api/privacy/retention': { kind: 'list' },
  'POST /api/privacy/retention/confirm': target(
    () => '/api/privacy/retention/confirm',
    (a) => ({ sittingIds: [a.sittingId] }),
  ),
  'GET /api/mail/messages': { kind: 'list' },
  'GET /api/mail/messages/:id': target((a) => `/api/mail/messages/${a.mailId}`),
  'POST /api/mail/messages/:id/resolve': target(
    (a) => `/api/mail/messages/${a.mailId}/resolve`,
    () => ({ action: 'resend' }),
  ),
  'GET /api/account/time-zone': { kind: 'own' },
  'PUT /api/account/time-zone': { kind: 'own' },
};

/** Routes under these prefixes keep the programme's shared content (see `programme` above). */
export const programmePrefixes = [
  '/api/bank/',
  '/api/vignette-sets',
  '/api/analysis/',
  '/api/standard-setting/',
];

export function scopeOfRoute(method: string, url: string): RouteScope | undefined {
  const declared = routeScopes[`${method} ${url}`];
  if (declared) return declared;
  if (programmePrefixes.some((prefix) => url.startsWith(prefix))) return { kind: 'programme' };
  return undefined;
}
