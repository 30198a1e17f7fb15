import { z } from 'zod';

/**
 * Every error code the platform uses, once: what the server throws (`AppError`), sends over HTTP
 * (`{ error: { code, message } }`) and over the websockets (`error`, `*.rejected`, `*.held`), and
 * the few the client raises itself. Each has the HTTP status it is sent with and what it means.
 * The client decides from the code whether a refused change is retried or dropped, so a renamed or
 * new code must fail the typecheck there rather than silently become a retry: add it here, and
 * the exhaustive switches that read codes tell you where a decision is needed.
 *
 * Codes that only travel on a websocket carry the status they would have over HTTP (close codes
 * are 4000 + that status). Status 0 marks a code the client raises itself; the server never sends
 * one (a test holds it to that).
 */
export const errorCodes = {
  // ---- requests and access ----
  BAD_REQUEST: {
    status: 400,
    meaning: 'The request is malformed (fastify refused it before a route ran).',
  },
  VALIDATION_FAILED: {
    status: 400,
    meaning: 'The input broke a rule; `details` names the fields.',
  },
  UNAUTHENTICATED: { status: 401, meaning: 'No signed-in session, or it has ended.' },
  INVALID_CREDENTIALS: { status: 401, meaning: 'Email or password is incorrect.' },
  FORBIDDEN: { status: 403, meaning: 'The role does not allow this.' },
  BAD_ORIGIN: {
    status: 403,
    meaning: 'A state-changing request or socket came from another site.',
  },
  SEB_REQUIRED: {
    status: 403,
    meaning: 'The sitting requires Safe Exam Browser with its configuration.',
  },
  NOT_ASSIGNED: { status: 403, meaning: 'The proctor is not assigned to this sitting.' },
  NOT_FOUND: { status: 404, meaning: 'No such thing, or not visible to this user.' },
  CONFLICT: {
    status: 409,
    meaning: 'The change contradicts the current state (e.g. removing your own admin role).',
  },
  ALREADY_EXISTS: { status: 409, meaning: 'Something with that identity exists already.' },
  SETUP_LINK_INVALID: {
    status: 410,
    meaning: 'The first-admin setup link is used, expired or wrong.',
  },
  PAYLOAD_TOO_LARGE: { status: 413, meaning: 'A body or websocket frame is over its cap.' },
  RATE_LIMITED: { status: 429, meaning: 'Too many attempts or frames; wait and try again.' },
  // ---- accounts ----
  WEAK_PASSWORD: {
    status: 400,
    meaning: 'The password breaks the password policy; `details.reasons` says why.',
  },
  CURRENT_PASSWORD_WRONG: {
    status: 403,
    meaning: 'A password change named the wrong current password.',
  },
  TOKEN_INVALID: {
    status: 404,
    meaning: 'An invitation, reset, unlock or sign-in link is unknown or was revoked.',
  },
  TOKEN_EXPIRED: { status: 410, meaning: 'The link or pending sign-in has expired.' },
  TOKEN_USED: { status: 410, meaning: 'The link was used already (each works once).' },
  TWO_FACTOR_CODE_WRONG: {
    status: 401,
    meaning: 'The authenticator code or recovery code is wrong or was used already.',
  },
  TWO_FACTOR_ENROLMENT_REQUIRED: {
    status: 403,
    meaning: 'This role must turn on two-factor sign-in before anything else.',
  },
  ACCOUNT_LOCKED: {
    status: 423,
    meaning: 'Too many failed sign-ins: the account is locked for a while (unlock link mailed).',
  },
  INTERNAL: {
    status: 500,
    meaning: 'An unexpected server error; the message names the request id.',
  },
  AUDIT_CHAIN_BROKEN: {
    status: 500,
    meaning: 'The audit chain does not verify, so no checkpoint is signed over it.',
  },

  // ---- the exam websocket ----
  BAD_MESSAGE: {
    status: 400,
    meaning: 'A frame did not parse, or came out of order (e.g. a second hello).',
  },
  PROTOCOL_VERSION: {
    status: 426,
    meaning: 'Client and server speak different protocol versions: reload.',
  },
  TAKEN_OVER: { status: 409, meaning: 'Another tab or device took this attempt over.' },
  SERVER_ERROR: {
    status: 500,
    meaning: 'The server failed while handling a frame; the socket closes.',
  },
  RESUME_CODE_REQUIRED: {
    status: 428,
    meaning: 'Another device holds the attempt: a proctor’s resume code is needed.',
  },

  // ---- sittings, enrolment, candidates ----
  SITTING_LOCKED: { status: 409, meaning: 'The sitting’s status no longer allows this edit.' },
  SITTING_INCOMPLETE: {
    status: 409,
    meaning: 'The sitting lacks what scheduling needs (dates, forms).',
  },
  SITTING_NOT_READY: {
    status: 409,
    meaning: 'The sitting cannot open; `details` lists the problems.',
  },
  ILLEGAL_TRANSITION: {
    status: 409,
    meaning: 'The sitting cannot move from its status to the one asked.',
  },
  ENROLMENT_INVALID: {
    status: 400,
    meaning: 'An enrolment breaks the enrolment rules; `details` says which.',
  },
  NO_PROFILE: { status: 409, meaning: 'The candidate has no endorsement profile yet.' },
  NO_OPEN_SITTING: { status: 404, meaning: 'The candidate is not enrolled in a sitting open now.' },
  FORM_MISSING: {
    status: 409,
    meaning: 'The sitting has no Part One form for the candidate’s endorsement.',
  },

  // ---- proctoring ----
  NOT_ARRIVED: { status: 409, meaning: 'The candidate has not opened the exam yet.' },
  ALREADY_ADMITTED: { status: 409, meaning: 'The candidate is admitted already.' },
  NOT_ADMITTED: { status: 409, meaning: 'A proctor has not admitted the candidate yet.' },
  LATE_ARRIVAL: {
    status: 409,
    meaning: 'The candidate arrived after the late cutoff: admitting them needs a reason.',
  },
  RETAKE_NOT_ELIGIBLE: {
    status: 409,
    meaning: 'The retake breaks the association’s retake rules; `details` says which.',
  },
  NOT_RUNNING: { status: 409, meaning: 'The clock is not running, so it cannot be paused.' },
  NOT_PAUSED: { status: 409, meaning: 'The clock is not paused, so it cannot be resumed.' },
  NO_ATTEMPT: { status: 409, meaning: 'The exam has not been opened on any device yet.' },
  ALREADY_CREDITED: { status: 409, meaning: 'This disconnect was credited already.' },
  STILL_DISCONNECTED: {
    status: 409,
    meaning: 'The candidate has not reconnected; credit the time once back.',
  },
  NOTHING_TO_CREDIT: { status: 409, meaning: 'The clock was not running during the disconnect.' },
  INCIDENT_MISMATCH: { status: 409, meaning: 'The incident named concerns another candidate.' },
  RESUME_CODE_INVALID: { status: 400, meaning: 'The resume code is wrong.' },
  RESUME_CODE_EXPIRED: { status: 410, meaning: 'The resume code has expired.' },
  RESUME_CODE_USED: { status: 409, meaning: 'The resume code was used already.' },

  // ---- delivery: refusals of a change (answer, draft, patch, choice) and of a submit ----
  PART_NOT_STARTED: {
    status: 409,
    meaning: 'The part has not started: the change is kept and sent again.',
  },
  PART_PAUSED: { status: 409, meaning: 'The clock is paused: the change is kept and sent again.' },
  PART_CLOSED: { status: 409, meaning: 'The part is closed: the change can never be stored.' },
  DEADLINE_PASSED: {
    status: 409,
    meaning: 'The deadline and its grace have passed: never stored.',
  },
  UNKNOWN_QUESTION: { status: 404, meaning: 'No such question in this form: never stored.' },
  UNKNOWN_VIGNETTE: { status: 404, meaning: 'No such vignette in this set: never stored.' },
  SEQ_REUSED: {
    status: 409,
    meaning: 'Another device used this sequence number: send again under a new one.',
  },
  NOTE_TOO_LONG: {
    status: 413,
    meaning: 'A notes pad is over its character cap: never stored; the device keeps the text.',
  },
  TOO_MANY_HIGHLIGHTS: { status: 413, meaning: 'An item has more highlights than allowed.' },
  TOOLS_INVALID: {
    status: 422,
    meaning: 'A tool change names text or options the item does not have: never stored.',
  },
  LATE_HELD: {
    status: 202,
    meaning: 'A late change is held for a proctor’s decision: not saved, not lost.',
  },
  TOO_MANY_LATE_CHANGES: {
    status: 429,
    meaning: 'Too many late changes are held for this attempt.',
  },
  PATCH_BASE_MISMATCH: {
    status: 409,
    meaning: 'A draft patch builds on a revision the server does not hold.',
  },
  PATCH_REFUSED: {
    status: 422,
    meaning: 'A draft patch could not be applied; send the whole draft.',
  },
  LATE_SEND_WHOLE: {
    status: 409,
    meaning: 'A late draft change must come as a whole draft, not a patch.',
  },
  PART_ONE_OPEN: { status: 409, meaning: 'Part One must be submitted before Part Two starts.' },
  PART_TWO_UNAVAILABLE: {
    status: 409,
    meaning: 'Part Two cannot start for this candidate (no vignette set).',
  },
  WRONG_CHOICE_COUNT: {
    status: 409,
    meaning: 'Part Two submitted with the wrong number of vignettes chosen.',
  },
  ALREADY_DECIDED: { status: 409, meaning: 'The held late change was decided already.' },

  // ---- the essay document (shared/src/editor/validate.ts) ----
  ESSAY_NOT_AN_OBJECT: { status: 400, meaning: 'The essay is not a JSON object.' },
  ESSAY_FORBIDDEN_KEY: {
    status: 400,
    meaning: 'The essay has a forbidden key (__proto__ and the like).',
  },
  ESSAY_EVENT_HANDLER_KEY: { status: 400, meaning: 'The essay has an on* key.' },
  ESSAY_UNKNOWN_KEY: { status: 400, meaning: 'The essay has a key its node does not allow.' },
  ESSAY_UNKNOWN_NODE_TYPE: {
    status: 400,
    meaning: 'The essay has a node the editor does not have.',
  },
  ESSAY_UNKNOWN_MARK_TYPE: {
    status: 400,
    meaning: 'The essay has a mark the editor does not have.',
  },
  ESSAY_UNKNOWN_ATTRIBUTE: {
    status: 400,
    meaning: 'The essay has an attribute its node does not allow.',
  },
  ESSAY_INVALID_ATTRIBUTE: { status: 400, meaning: 'An attribute has a value it may not have.' },
  ESSAY_UNSAFE_URL: {
    status: 400,
    meaning: 'A link points somewhere unsafe (javascript: and the like).',
  },
  ESSAY_INVALID_TEXT: { status: 400, meaning: 'A text node is empty or not text.' },
  ESSAY_INVALID_STRUCTURE: { status: 400, meaning: 'The nodes break the editor schema’s nesting.' },
  ESSAY_TOO_DEEP: { status: 400, meaning: 'The essay nests deeper than its cap.' },
  ESSAY_TOO_LARGE: { status: 413, meaning: 'The essay is over its size cap.' },

  // ---- bank, vignettes, grading, results ----
  ITEM_RETIRED: { status: 409, meaning: 'A retired item can no longer change.' },
  NO_CHANGES: {
    status: 409,
    meaning: 'The draft equals the published version; nothing to publish.',
  },
  NOTHING_TO_PUBLISH: { status: 409, meaning: 'The item has no draft to publish.' },
  FORM_RETIRED: { status: 409, meaning: 'A retired form cannot be made active again.' },
  BLUEPRINT_INVALID: {
    status: 422,
    meaning: 'The blueprint asks for items its endorsement does not draw.',
  },
  BANK_INSUFFICIENT: {
    status: 409,
    meaning: 'The bank has too few active items for the blueprint.',
  },
  VIGNETTE_SET_IN_USE: { status: 409, meaning: 'Upcoming sittings still need this vignette set.' },
  VIGNETTE_SET_LOCKED: {
    status: 409,
    meaning: 'Candidates have seen this set, so it cannot change.',
  },
  RUBRIC_NOT_CURRENT: {
    status: 409,
    meaning: 'Only the newest version of a rubric can be edited.',
  },
  RUBRIC_LOCKED: { status: 409, meaning: 'Scoring has started with this rubric version.' },
  RUBRIC_CHANGED: {
    status: 409,
    meaning: 'The rubric changed since the sheet was opened: reload.',
  },
  SHEET_INCOMPLETE: { status: 400, meaning: 'A score sheet was submitted with parts missing.' },
  ALREADY_SUBMITTED: { status: 409, meaning: 'The reading was submitted already and is final.' },
  NOT_SUBMITTED: { status: 409, meaning: 'That grader has no submitted reading to reopen.' },
  QUALIFICATION_NOT_OPEN: {
    status: 409,
    meaning: 'A qualification set cannot be started: qualified, one open, or a decision is due.',
  },
  QUALIFICATION_UNAVAILABLE: {
    status: 409,
    meaning: 'Not enough active benchmark responses for a qualification set of this rubric.',
  },
  QUALIFICATION_CLOSED: { status: 409, meaning: 'The qualification set is already finished.' },
  GRADER_PAUSED: {
    status: 403,
    meaning: 'The grader is paused from scoring until a coordinator lifts the pause.',
  },
  RESULTS_NOT_READY: { status: 409, meaning: 'Results cannot be released or read yet.' },
  ALREADY_RELEASED: { status: 409, meaning: 'Results are released; what they rest on is fixed.' },
  APPEAL_WINDOW_CLOSED: {
    status: 409,
    meaning: 'The result was not released, or its window for requesting a review has passed.',
  },
  AUTHORISATION_EXPIRED: {
    status: 409,
    meaning: 'No authorisation to test is valid now (expired, not yet valid, or none).',
  },
  AUTHORISATION_EXPIRES_BEFORE_SITTING: {
    status: 409,
    meaning:
      'The authorisation to test expires before the sitting starts: extend it, or choose an earlier sitting.',
  },
  BOOKING_WINDOW_CLOSED: {
    status: 409,
    meaning: "The sitting's booking window is not open now, or the sitting no longer enrols.",
  },
  CANCEL_CUTOFF_PASSED: {
    status: 409,
    meaning: 'The free-cancellation cutoff has passed; only a coordinator can change the seat.',
  },
  ALREADY_BOOKED: {
    status: 409,
    meaning: 'The authorisation already holds a seat or a waitlist place; cancel it first.',
  },
  APPEAL_ALREADY_OPEN: { status: 409, meaning: 'An appeal of this result is already open.' },
  APPEAL_REVIEWS_PENDING: {
    status: 409,
    meaning: 'The appeal waits for its independent reviews before it can be decided.',
  },
  LATE_CHANGES_CHANGED: {
    status: 409,
    meaning: 'A late change was decided during release: review again.',
  },
  FEEDBACK_NOT_FINAL: {
    status: 409,
    meaning: 'The response is still being scored; feedback waits.',
  },
  FEEDBACK_CHANGED: { status: 409, meaning: 'Feedback was edited during release: approve again.' },
  NO_COMMENT: { status: 409, meaning: 'The grader wrote no comment there to edit.' },

  // ---- item analysis ----
  ANALYSIS_SCOPE_NOT_FOUND: {
    status: 404,
    meaning: 'The form was not sat in that sitting, so there is nothing to analyse there.',
  },

  // ---- item bank exchange (QTI 3) and review ----
  NO_REVIEW_PENDING: {
    status: 409,
    meaning: 'The item is not marked for review, so there is no review to clear.',
  },
  PACKAGE_TOO_LARGE: {
    status: 413,
    meaning: 'The QTI package, or an entry inflated from it, is over its size cap.',
  },
  PACKAGE_TOO_MANY_ENTRIES: {
    status: 422,
    meaning: 'The QTI package holds more entries than the cap allows.',
  },
  PACKAGE_UNSAFE_PATH: {
    status: 422,
    meaning: 'A zip entry name is not a plain relative path (.., absolute, drive, backslash).',
  },
  PACKAGE_NOT_ZIP: {
    status: 422,
    meaning: 'The uploaded file is not a zip archive.',
  },
  PACKAGE_NO_MANIFEST: {
    status: 422,
    meaning: 'The package has no readable imsmanifest.xml.',
  },
  PACKAGE_XML_DTD: {
    status: 422,
    meaning: 'An XML file in the package declares a DOCTYPE or entities, which are never read.',
  },
  PACKAGE_XML_INVALID: {
    status: 422,
    meaning: 'An XML file in the package is not well-formed UTF-8 XML.',
  },
  PLAN_CHANGED: {
    status: 409,
    meaning: 'The package or the bank changed since the import preview; preview again.',
  },

  PACKAGE_CONTENT_TYPE: {
    status: 415,
    meaning: 'The package must be sent as the request body itself, as application/zip.',
  },
  REVIEW_PENDING: {
    status: 409,
    meaning: 'The item is already marked for review; record that review first.',
  },

  // ---- standard setting and key corrections ----
  CUT_OUT_OF_RANGE: {
    status: 400,
    meaning: 'A cut score must lie within 1..the number of items on the form.',
  },
  FORM_EMPTY: {
    status: 409,
    meaning: 'The form has no items to rate.',
  },
  NOT_A_PANELIST: {
    status: 400,
    meaning: 'A user invited to a study must hold the panelist role.',
  },
  NO_SUCH_ITEM: {
    status: 400,
    meaning: 'The item is not on that form.',
  },
  STUDY_CLOSED: {
    status: 409,
    meaning: 'The standard-setting study has adopted its cut and takes no more changes.',
  },
  WRONG_ROUND: {
    status: 409,
    meaning: 'The study is not in the round this change belongs to.',
  },
  NO_IMPACT_DATA: {
    status: 409,
    meaning: 'No sitting of the form has closed Part Ones, so round 2 has no impact data.',
  },
  NO_RATINGS: {
    status: 409,
    meaning: 'No panelist has rated every item yet, so there is no cut to adopt.',
  },
  REASON_REQUIRED: {
    status: 400,
    meaning: 'A cut other than the recommended one needs a written reason.',
  },
  SITTING_OPEN: {
    status: 409,
    meaning: 'A sitting using the form is open; its cut cannot change now.',
  },
  FORM_NOT_SAT: {
    status: 400,
    meaning: 'That form was not sat in that sitting.',
  },
  SITTING_NOT_CLOSED: {
    status: 409,
    meaning: 'Key corrections wait until the sitting is closed and no Part One is open.',
  },
  CORRECTION_UNCHANGED: {
    status: 409,
    meaning: 'The correction would leave the item as it is scored already.',
  },

  // ---- accommodation requests and identity at check-in ----
  DOCUMENT_TYPE_REFUSED: {
    status: 415,
    meaning:
      'An upload is not a PDF, PNG or JPEG (a photo: not a JPEG) by its content; nothing was stored.',
  },
  DOCUMENT_TOO_LARGE: {
    status: 413,
    meaning: 'An upload is over the size cap; nothing was stored.',
  },
  REQUEST_DEADLINE_PASSED: {
    status: 409,
    meaning: 'Accommodation requests for this sitting closed at its deadline; nothing was stored.',
  },
  REQUEST_PENDING: {
    status: 409,
    meaning: 'A request for this enrolment is already waiting for a decision.',
  },
  REQUEST_DECIDED: {
    status: 409,
    meaning: 'The request has already been approved or declined.',
  },
  IDENTITY_CHECK_REQUIRED: {
    status: 409,
    meaning: 'The sitting requires an identity check: admit through the check-in, with a reason.',
  },

  // ---- raised by the client itself (status 0: never sent by the server) ----
  NETWORK_ERROR: { status: 0, meaning: 'The server could not be reached.' },
  BAD_RESPONSE: { status: 0, meaning: 'A success answer did not match the shared schema.' },
  HTTP_ERROR: {
    status: 0,
    meaning: 'An error answer without our error body (a proxy’s 502 page).',
  },
  UNKNOWN_ERROR: {
    status: 0,
    meaning: 'A code this build does not know (a newer server): the safe default.',
  },
} as const satisfies Record<string, { status: number; meaning: string }>;

/** One of the codes above, and nothing else: a misspelt or unlisted code fails the typecheck. */
export type ErrorCode = keyof typeof errorCodes;

/** The HTTP status a code is sent with. */
export type ErrorStatus<C extends ErrorCode> = (typeof errorCodes)[C]['status'];

/** Every code, for `z.enum` and for tests. */
export const errorCodeList = Object.keys(errorCodes) as [ErrorCode, ...ErrorCode[]];

/** True for a string that is one of the listed codes. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorCodes, value);
}

/** A listed code, strictly. */
export const errorCodeSchema = z.enum(errorCodeList);

/**
 * A code read off the wire (HTTP error bodies, websocket frames). A newer server may send a code
 * this build does not know; that must not make the whole message unreadable (a refusal that
 * cannot be read would leave a change neither retried nor dropped), so it reads as
 * `UNKNOWN_ERROR`, which every decision treats as the safe default.
 */
export const receivedErrorCodeSchema = errorCodeSchema.catch('UNKNOWN_ERROR');
