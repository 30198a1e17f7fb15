import { z } from 'zod';

/**
 * Every error code the platform uses, once: what the server throws (`AppError`), sends over HTTP
 * (`{ error: { code, message } }`) and over the websockets (`error`, `*.rejected`, `*.held`), and
 * the few the client raises itself. Each has the HTTP status it is sent with; what each means is
 * in error-meanings.ts, apart so the browser's bundles do not carry the prose.
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
  BAD_REQUEST: { status: 400 },
  VALIDATION_FAILED: { status: 400 },
  UNAUTHENTICATED: { status: 401 },
  INVALID_CREDENTIALS: { status: 401 },
  FORBIDDEN: { status: 403 },
  BAD_ORIGIN: { status: 403 },
  SEB_REQUIRED: { status: 403 },
  NOT_ASSIGNED: { status: 403 },
  NOT_FOUND: { status: 404 },
  CONFLICT: { status: 409 },
  ALREADY_EXISTS: { status: 409 },
  SETUP_LINK_INVALID: { status: 410 },
  PAYLOAD_TOO_LARGE: { status: 413 },
  RATE_LIMITED: { status: 429 },
  // ---- accounts ----
  WEAK_PASSWORD: { status: 400 },
  CURRENT_PASSWORD_WRONG: { status: 403 },
  TOKEN_INVALID: { status: 404 },
  TOKEN_EXPIRED: { status: 410 },
  TOKEN_USED: { status: 410 },
  TWO_FACTOR_CODE_WRONG: { status: 401 },
  TWO_FACTOR_ENROLMENT_REQUIRED: { status: 403 },
  ACCOUNT_LOCKED: { status: 423 },
  INTERNAL: { status: 500 },
  AUDIT_CHAIN_BROKEN: { status: 500 },

  // ---- the exam websocket ----
  BAD_MESSAGE: { status: 400 },
  PROTOCOL_VERSION: { status: 426 },
  TAKEN_OVER: { status: 409 },
  SERVER_ERROR: { status: 500 },
  RESUME_CODE_REQUIRED: { status: 428 },

  // ---- sittings, enrolment, candidates ----
  SITTING_LOCKED: { status: 409 },
  SITTING_INCOMPLETE: { status: 409 },
  SITTING_NOT_READY: { status: 409 },
  ILLEGAL_TRANSITION: { status: 409 },
  ENROLMENT_INVALID: { status: 400 },
  NO_PROFILE: { status: 409 },
  NO_OPEN_SITTING: { status: 404 },
  FORM_MISSING: { status: 409 },

  // ---- proctoring ----
  NOT_ARRIVED: { status: 409 },
  ALREADY_ADMITTED: { status: 409 },
  NOT_ADMITTED: { status: 409 },
  ROOM_PAUSED: { status: 409 },
  LATE_ARRIVAL: { status: 409 },
  RETAKE_NOT_ELIGIBLE: { status: 409 },
  NOT_RUNNING: { status: 409 },
  NOT_PAUSED: { status: 409 },
  NO_ATTEMPT: { status: 409 },
  ALREADY_CREDITED: { status: 409 },
  STILL_DISCONNECTED: { status: 409 },
  NOTHING_TO_CREDIT: { status: 409 },
  INCIDENT_MISMATCH: { status: 409 },
  RESUME_CODE_INVALID: { status: 400 },
  RESUME_CODE_EXPIRED: { status: 410 },
  RESUME_CODE_USED: { status: 409 },

  // ---- delivery: refusals of a change (answer, draft, patch, choice) and of a submit ----
  PART_NOT_STARTED: { status: 409 },
  PART_PAUSED: { status: 409 },
  PART_CLOSED: { status: 409 },
  DEADLINE_PASSED: { status: 409 },
  UNKNOWN_QUESTION: { status: 404 },
  UNKNOWN_VIGNETTE: { status: 404 },
  SEQ_REUSED: { status: 409 },
  NOTE_TOO_LONG: { status: 413 },
  TOO_MANY_HIGHLIGHTS: { status: 413 },
  TOOLS_INVALID: { status: 422 },
  LATE_HELD: { status: 202 },
  TOO_MANY_LATE_CHANGES: { status: 429 },
  PATCH_BASE_MISMATCH: { status: 409 },
  PATCH_REFUSED: { status: 422 },
  LATE_SEND_WHOLE: { status: 409 },
  PART_ONE_OPEN: { status: 409 },
  PART_TWO_UNAVAILABLE: { status: 409 },
  WRONG_CHOICE_COUNT: { status: 409 },
  ALREADY_DECIDED: { status: 409 },

  // ---- the essay document (shared/src/editor/validate.ts) ----
  ESSAY_NOT_AN_OBJECT: { status: 400 },
  ESSAY_FORBIDDEN_KEY: { status: 400 },
  ESSAY_EVENT_HANDLER_KEY: { status: 400 },
  ESSAY_UNKNOWN_KEY: { status: 400 },
  ESSAY_UNKNOWN_NODE_TYPE: { status: 400 },
  ESSAY_UNKNOWN_MARK_TYPE: { status: 400 },
  ESSAY_UNKNOWN_ATTRIBUTE: { status: 400 },
  ESSAY_INVALID_ATTRIBUTE: { status: 400 },
  ESSAY_UNSAFE_URL: { status: 400 },
  ESSAY_INVALID_TEXT: { status: 400 },
  ESSAY_INVALID_STRUCTURE: { status: 400 },
  ESSAY_TOO_DEEP: { status: 400 },
  ESSAY_TOO_LARGE: { status: 413 },

  // ---- bank, vignettes, grading, results ----
  ITEM_RETIRED: { status: 409 },
  NO_CHANGES: { status: 409 },
  NOTHING_TO_PUBLISH: { status: 409 },
  FORM_RETIRED: { status: 409 },
  BLUEPRINT_INVALID: { status: 422 },
  BANK_INSUFFICIENT: { status: 409 },
  VIGNETTE_SET_IN_USE: { status: 409 },
  VIGNETTE_SET_LOCKED: { status: 409 },
  RUBRIC_NOT_CURRENT: { status: 409 },
  RUBRIC_LOCKED: { status: 409 },
  RUBRIC_CHANGED: { status: 409 },
  RUBRIC_VERSION_MISMATCH: { status: 409 },
  SHEET_INCOMPLETE: { status: 400 },
  ALREADY_SUBMITTED: { status: 409 },
  NOT_SUBMITTED: { status: 409 },
  QUALIFICATION_NOT_OPEN: { status: 409 },
  QUALIFICATION_UNAVAILABLE: { status: 409 },
  QUALIFICATION_CLOSED: { status: 409 },
  GRADER_PAUSED: { status: 403 },
  RESULTS_NOT_READY: { status: 409 },
  ALREADY_RELEASED: { status: 409 },
  APPEAL_WINDOW_CLOSED: { status: 409 },
  AUTHORISATION_EXPIRED: { status: 409 },
  AUTHORISATION_EXPIRES_BEFORE_SITTING: { status: 409 },
  BOOKING_WINDOW_CLOSED: { status: 409 },
  CANCEL_CUTOFF_PASSED: { status: 409 },
  ALREADY_BOOKED: { status: 409 },
  APPEAL_ALREADY_OPEN: { status: 409 },
  APPEAL_REVIEWS_PENDING: { status: 409 },
  APPEAL_REVIEWER_ASSIGNED: { status: 409 },
  APPEAL_NO_REVIEWER: { status: 409 },
  LATE_CHANGES_CHANGED: { status: 409 },
  FEEDBACK_NOT_FINAL: { status: 409 },
  FEEDBACK_CHANGED: { status: 409 },
  NO_COMMENT: { status: 409 },

  // ---- item analysis ----
  ANALYSIS_SCOPE_NOT_FOUND: { status: 404 },

  // ---- item bank exchange (QTI 3) and review ----
  NO_REVIEW_PENDING: { status: 409 },
  PACKAGE_TOO_LARGE: { status: 413 },
  PACKAGE_TOO_MANY_ENTRIES: { status: 422 },
  PACKAGE_UNSAFE_PATH: { status: 422 },
  PACKAGE_NOT_ZIP: { status: 422 },
  PACKAGE_NO_MANIFEST: { status: 422 },
  PACKAGE_XML_DTD: { status: 422 },
  PACKAGE_XML_INVALID: { status: 422 },
  PLAN_CHANGED: { status: 409 },

  PACKAGE_CONTENT_TYPE: { status: 415 },
  REVIEW_PENDING: { status: 409 },

  // ---- standard setting and key corrections ----
  CUT_OUT_OF_RANGE: { status: 400 },
  FORM_EMPTY: { status: 409 },
  NOT_A_PANELIST: { status: 400 },
  PANELIST_IS_CANDIDATE: { status: 409 },
  NO_SUCH_ITEM: { status: 400 },
  STUDY_CLOSED: { status: 409 },
  WRONG_ROUND: { status: 409 },
  NO_IMPACT_DATA: { status: 409 },
  NO_RATINGS: { status: 409 },
  REASON_REQUIRED: { status: 400 },
  SITTING_OPEN: { status: 409 },
  FORM_NOT_SAT: { status: 400 },
  SITTING_NOT_CLOSED: { status: 409 },
  CORRECTION_UNCHANGED: { status: 409 },

  // ---- accommodation requests and identity at check-in ----
  DOCUMENT_TYPE_REFUSED: { status: 415 },
  DOCUMENT_TOO_LARGE: { status: 413 },
  REQUEST_DEADLINE_PASSED: { status: 409 },
  REQUEST_PENDING: { status: 409 },
  REQUEST_DECIDED: { status: 409 },
  IDENTITY_CHECK_REQUIRED: { status: 409 },

  // ---- raised by the client itself (status 0: never sent by the server) ----
  NETWORK_ERROR: { status: 0 },
  BAD_RESPONSE: { status: 0 },
  HTTP_ERROR: { status: 0 },
  UNKNOWN_ERROR: { status: 0 },
} as const satisfies Record<string, { status: number }>;

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
