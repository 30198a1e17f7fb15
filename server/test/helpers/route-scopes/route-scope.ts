/*
 * What every table of route scopes shares: A's objects the walk names in URLs, the kinds of scope
 * (described in ../association-routes.ts) and the reason more than one table sends.
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

/** A route that names one of A's objects; B's people must get 404 and change nothing. */
export const target = (
  url: (a: AssociationAObjects) => string,
  body?: (a: AssociationAObjects) => unknown,
): RouteScope => ({ kind: 'target', url, ...(body ? { body } : {}) });

/** The reason a proctor's or coordinator's action asks for. */
export const reason = { reason: 'Checking another association' };
