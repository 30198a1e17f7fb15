import type { ErrorCode } from './error-codes.js';

/**
 * What every error code means, one line each: the reference for whoever reads a code in a log,
 * a response or a test. Kept apart from the codes so the client, which needs only their names,
 * does not download this prose; the type makes it list every code and nothing else.
 */
export const errorMeanings = {
  // ---- requests and access ----
  BAD_REQUEST: 'The request is malformed (fastify refused it before a route ran).',
  VALIDATION_FAILED: 'The input broke a rule; `details` names the fields.',
  UNAUTHENTICATED: 'No signed-in session, or it has ended.',
  INVALID_CREDENTIALS: 'Email or password is incorrect.',
  FORBIDDEN: 'The role does not allow this.',
  BAD_ORIGIN: 'A state-changing request or socket came from another site.',
  SEB_REQUIRED: 'The sitting requires Safe Exam Browser with its configuration.',
  NOT_ASSIGNED: 'The proctor is not assigned to this sitting.',
  NOT_FOUND: 'No such thing, or not visible to this user.',
  CONFLICT: 'The change contradicts the current state (e.g. removing your own admin role).',
  ALREADY_EXISTS: 'Something with that identity exists already.',
  SETUP_LINK_INVALID: 'The first-admin setup link is used, expired or wrong.',
  PAYLOAD_TOO_LARGE: 'A body or websocket frame is over its cap.',
  RATE_LIMITED: 'Too many attempts or frames; wait and try again.',
  // ---- accounts ----
  WEAK_PASSWORD: 'The password breaks the password policy; `details.reasons` says why.',
  CURRENT_PASSWORD_WRONG: 'A password change named the wrong current password.',
  TOKEN_INVALID: 'An invitation, reset, unlock or sign-in link is unknown or was revoked.',
  TOKEN_EXPIRED: 'The link or pending sign-in has expired.',
  TOKEN_USED: 'The link was used already (each works once).',
  TWO_FACTOR_CODE_WRONG: 'The authenticator code or recovery code is wrong or was used already.',
  TWO_FACTOR_ENROLMENT_REQUIRED: 'This role must turn on two-factor sign-in before anything else.',
  ACCOUNT_LOCKED:
    'Too many failed sign-ins: the account is locked for a while (unlock link mailed).',
  INTERNAL: 'An unexpected server error; the message names the request id.',
  AUDIT_CHAIN_BROKEN: 'The audit chain does not verify, so no checkpoint is signed over it.',

  // ---- the exam websocket ----
  BAD_MESSAGE: 'A frame did not parse, or came out of order (e.g. a second hello).',
  PROTOCOL_VERSION: 'Client and server speak different protocol versions: reload.',
  TAKEN_OVER: 'Another tab or device took this attempt over.',
  SERVER_ERROR: 'The server failed while handling a frame; the socket closes.',
  RESUME_CODE_REQUIRED: 'Another device holds the attempt: a proctor’s resume code is needed.',

  // ---- sittings, enrolment, candidates ----
  SITTING_LOCKED: 'The sitting’s status no longer allows this edit.',
  SITTING_INCOMPLETE: 'The sitting lacks what scheduling needs (dates, forms).',
  SITTING_NOT_READY: 'The sitting cannot open; `details` lists the problems.',
  ILLEGAL_TRANSITION: 'The sitting cannot move from its status to the one asked.',
  ENROLMENT_INVALID: 'An enrolment breaks the enrolment rules; `details` says which.',
  NO_PROFILE: 'The candidate has no endorsement profile yet.',
  NO_OPEN_SITTING: 'The candidate is not enrolled in a sitting open now.',
  FORM_MISSING: 'The sitting has no Part One form for the candidate’s endorsement.',

  // ---- proctoring ----
  NOT_ARRIVED: 'The candidate has not opened the exam yet.',
  ALREADY_ADMITTED: 'The candidate is admitted already.',
  NOT_ADMITTED: 'A proctor has not admitted the candidate yet.',
  ROOM_PAUSED:
    'The proctor has paused the whole room: no part starts, and no second room pause is taken, until the room is resumed.',
  LATE_ARRIVAL: 'The candidate arrived after the late cutoff: admitting them needs a reason.',
  RETAKE_NOT_ELIGIBLE: 'The retake breaks the association’s retake rules; `details` says which.',
  NOT_RUNNING: 'The clock is not running, so it cannot be paused.',
  NOT_PAUSED: 'The clock is not paused, so it cannot be resumed.',
  NO_ATTEMPT: 'The exam has not been opened on any device yet.',
  ALREADY_CREDITED: 'This disconnect was credited already.',
  STILL_DISCONNECTED: 'The candidate has not reconnected; credit the time once back.',
  NOTHING_TO_CREDIT: 'The clock was not running during the disconnect.',
  INCIDENT_MISMATCH: 'The incident named concerns another candidate.',
  RESUME_CODE_INVALID: 'The resume code is wrong.',
  RESUME_CODE_EXPIRED: 'The resume code has expired.',
  RESUME_CODE_USED: 'The resume code was used already.',

  // ---- delivery: refusals of a change (answer, draft, patch, choice) and of a submit ----
  PART_NOT_STARTED: 'The part has not started: the change is kept and sent again.',
  PART_PAUSED: 'The clock is paused: the change is kept and sent again.',
  PART_CLOSED: 'The part is closed: the change can never be stored.',
  DEADLINE_PASSED: 'The deadline and its grace have passed: never stored.',
  UNKNOWN_QUESTION: 'No such question in this form: never stored.',
  UNKNOWN_VIGNETTE: 'No such vignette in this set: never stored.',
  SEQ_REUSED: 'Another device used this sequence number: send again under a new one.',
  NOTE_TOO_LONG: 'A notes pad is over its character cap: never stored; the device keeps the text.',
  TOO_MANY_HIGHLIGHTS: 'An item has more highlights than allowed.',
  TOOLS_INVALID: 'A tool change names text or options the item does not have: never stored.',
  LATE_HELD: 'A late change is held for a proctor’s decision: not saved, not lost.',
  TOO_MANY_LATE_CHANGES: 'Too many late changes are held for this attempt.',
  PATCH_BASE_MISMATCH: 'A draft patch builds on a revision the server does not hold.',
  PATCH_REFUSED: 'A draft patch could not be applied; send the whole draft.',
  LATE_SEND_WHOLE: 'A late draft change must come as a whole draft, not a patch.',
  PART_ONE_OPEN: 'Part One must be submitted before Part Two starts.',
  PART_TWO_UNAVAILABLE: 'Part Two cannot start for this candidate (no vignette set).',
  WRONG_CHOICE_COUNT: 'Part Two submitted with the wrong number of vignettes chosen.',
  ALREADY_DECIDED: 'The held late change was decided already.',

  // ---- the essay document (shared/src/editor/validate.ts) ----
  ESSAY_NOT_AN_OBJECT: 'The essay is not a JSON object.',
  ESSAY_FORBIDDEN_KEY: 'The essay has a forbidden key (__proto__ and the like).',
  ESSAY_EVENT_HANDLER_KEY: 'The essay has an on* key.',
  ESSAY_UNKNOWN_KEY: 'The essay has a key its node does not allow.',
  ESSAY_UNKNOWN_NODE_TYPE: 'The essay has a node the editor does not have.',
  ESSAY_UNKNOWN_MARK_TYPE: 'The essay has a mark the editor does not have.',
  ESSAY_UNKNOWN_ATTRIBUTE: 'The essay has an attribute its node does not allow.',
  ESSAY_INVALID_ATTRIBUTE: 'An attribute has a value it may not have.',
  ESSAY_UNSAFE_URL: 'A link points somewhere unsafe (javascript: and the like).',
  ESSAY_INVALID_TEXT: 'A text node is empty or not text.',
  ESSAY_INVALID_STRUCTURE: 'The nodes break the editor schema’s nesting.',
  ESSAY_TOO_DEEP: 'The essay nests deeper than its cap.',
  ESSAY_TOO_LARGE: 'The essay is over its size cap.',

  // ---- bank, vignettes, grading, results ----
  ITEM_RETIRED: 'A retired item can no longer change.',
  NO_CHANGES: 'The draft equals the published version; nothing to publish.',
  NOTHING_TO_PUBLISH: 'The item has no draft to publish.',
  FORM_RETIRED: 'A retired form cannot be made active again.',
  BLUEPRINT_INVALID: 'The blueprint asks for items its endorsement does not draw.',
  BANK_INSUFFICIENT: 'The bank has too few active items for the blueprint.',
  VIGNETTE_SET_IN_USE: 'Upcoming sittings still need this vignette set.',
  VIGNETTE_SET_LOCKED: 'Candidates have seen this set, so it cannot change.',
  RUBRIC_NOT_CURRENT: 'Only the newest version of a rubric can be edited.',
  RUBRIC_LOCKED: 'Graders hold responses on this rubric version, so it can no longer change.',
  RUBRIC_CHANGED: 'The sheet names a criterion the rubric it is scored with does not have: reload.',
  RUBRIC_VERSION_MISMATCH:
    'A score sheet names a rubric version other than the one its response is pinned to; nothing was stored.',
  SHEET_INCOMPLETE: 'A score sheet was submitted with parts missing.',
  ALREADY_SUBMITTED: 'The reading was submitted already and is final.',
  NOT_SUBMITTED: 'That grader has no submitted reading to reopen.',
  QUALIFICATION_NOT_OPEN:
    'A qualification set cannot be started: qualified, one open, or a decision is due.',
  QUALIFICATION_UNAVAILABLE:
    'Not enough active benchmark responses for a qualification set of this rubric.',
  QUALIFICATION_CLOSED: 'The qualification set is already finished.',
  GRADER_PAUSED: 'The grader is paused from scoring until a coordinator lifts the pause.',
  RESULTS_NOT_READY: 'Results cannot be released or read yet.',
  ALREADY_RELEASED: 'Results are released; what they rest on is fixed.',
  APPEAL_WINDOW_CLOSED:
    'The result was not released, or its window for requesting a review has passed.',
  AUTHORISATION_EXPIRED: 'No authorisation to test is valid now (expired, not yet valid, or none).',
  AUTHORISATION_EXPIRES_BEFORE_SITTING:
    'The authorisation to test expires before the sitting starts: extend it, or choose an earlier sitting.',
  BOOKING_WINDOW_CLOSED:
    "The sitting's booking window is not open now, or the sitting no longer enrols.",
  CANCEL_CUTOFF_PASSED:
    'The free-cancellation cutoff has passed; only a coordinator can change the seat.',
  ALREADY_BOOKED: 'The authorisation already holds a seat or a waitlist place; cancel it first.',
  APPEAL_ALREADY_OPEN: 'An appeal of this result is already open.',
  APPEAL_REVIEWS_PENDING: 'The appeal waits for its independent reviews before it can be decided.',
  APPEAL_REVIEWER_ASSIGNED: 'Every response of the appeal already has an independent reviewer.',
  APPEAL_NO_REVIEWER:
    'No grader qualified for the variant who has not read the response is available yet.',
  LATE_CHANGES_CHANGED: 'A late change was decided during release: review again.',
  FEEDBACK_NOT_FINAL: 'The response is still being scored; feedback waits.',
  FEEDBACK_CHANGED: 'Feedback was edited during release: approve again.',
  NO_COMMENT: 'The grader wrote no comment there to edit.',

  // ---- item analysis ----
  ANALYSIS_SCOPE_NOT_FOUND:
    'The form was not sat in that sitting, so there is nothing to analyse there.',

  // ---- item bank exchange (QTI 3) and review ----
  NO_REVIEW_PENDING: 'The item is not marked for review, so there is no review to clear.',
  PACKAGE_TOO_LARGE: 'The QTI package, or an entry inflated from it, is over its size cap.',
  PACKAGE_TOO_MANY_ENTRIES: 'The QTI package holds more entries than the cap allows.',
  PACKAGE_UNSAFE_PATH:
    'A zip entry name is not a plain relative path (.., absolute, drive, backslash).',
  PACKAGE_NOT_ZIP: 'The uploaded file is not a zip archive.',
  PACKAGE_NO_MANIFEST: 'The package has no readable imsmanifest.xml.',
  PACKAGE_XML_DTD:
    'An XML file in the package declares a DOCTYPE or entities, which are never read.',
  PACKAGE_XML_INVALID: 'An XML file in the package is not well-formed UTF-8 XML.',
  PLAN_CHANGED: 'The package or the bank changed since the import preview; preview again.',

  PACKAGE_CONTENT_TYPE: 'The package must be sent as the request body itself, as application/zip.',
  REVIEW_PENDING: 'The item is already marked for review; record that review first.',

  // ---- standard setting and key corrections ----
  CUT_OUT_OF_RANGE: 'A cut score must lie within 1..the number of items on the form.',
  FORM_EMPTY: 'The form has no items to rate.',
  NOT_A_PANELIST: 'A user invited to a study must hold the panelist role.',
  PANELIST_IS_CANDIDATE:
    'A candidate whose results are not released yet cannot join a panel: panelists see the answer keys.',
  NO_SUCH_ITEM: 'The item is not on that form.',
  STUDY_CLOSED: 'The standard-setting study has adopted its cut and takes no more changes.',
  WRONG_ROUND: 'The study is not in the round this change belongs to.',
  NO_IMPACT_DATA: 'No sitting of the form has closed Part Ones, so round 2 has no impact data.',
  NO_RATINGS: 'No panelist has rated every item yet, so there is no cut to adopt.',
  REASON_REQUIRED: 'A cut other than the recommended one needs a written reason.',
  SITTING_OPEN: 'A sitting using the form is open; its cut cannot change now.',
  FORM_NOT_SAT: 'That form was not sat in that sitting.',
  SITTING_NOT_CLOSED: 'Key corrections wait until the sitting is closed and no Part One is open.',
  CORRECTION_UNCHANGED: 'The correction would leave the item as it is scored already.',

  // ---- accommodation requests and identity at check-in ----
  DOCUMENT_TYPE_REFUSED:
    'An upload is not a PDF, PNG or JPEG (a photo: not a JPEG) by its content; nothing was stored.',
  DOCUMENT_TOO_LARGE: 'An upload is over the size cap; nothing was stored.',
  REQUEST_DEADLINE_PASSED:
    'Accommodation requests for this sitting closed at its deadline; nothing was stored.',
  REQUEST_PENDING: 'A request for this enrolment is already waiting for a decision.',
  REQUEST_DECIDED: 'The request has already been approved or declined.',
  IDENTITY_CHECK_REQUIRED:
    'The sitting requires an identity check: admit through the check-in, with a reason.',

  // ---- raised by the client itself (status 0: never sent by the server) ----
  NETWORK_ERROR: 'The server could not be reached.',
  BAD_RESPONSE: 'A success answer did not match the shared schema.',
  HTTP_ERROR: 'An error answer without our error body (a proxy’s 502 page).',
  UNKNOWN_ERROR: 'A code this build does not know (a newer server): the safe default.',
} as const satisfies Record<ErrorCode, string>;
