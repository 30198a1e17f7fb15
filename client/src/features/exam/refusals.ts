import type { ErrorCode } from '@exam/shared/errors';

/**
 * What the exam client does with a change (answer, draft, patch, choice) the server refused:
 * - `drop`: it can never be stored (the part is closed, the question does not exist); it leaves
 *   the outbox and the candidate is told;
 * - `renumber`: another device used its sequence number; the change is still wanted, under a new
 *   one;
 * - `hold`: the document itself is refused, so sending it again would be refused again; it stays,
 *   with the problem shown;
 * - `retry`: not stored yet; it stays in the outbox and goes again when the clock runs or the
 *   socket reconnects. The safe default: a change is never dropped on a code nobody decided on.
 */
export type RefusalOutcome = 'drop' | 'renumber' | 'hold' | 'retry';

/**
 * Decides every code, with no `default`: a code added to shared's list fails the typecheck and
 * the linter's exhaustiveness check here until someone decides whether it loses a change.
 */
export function refusalOutcome(code: ErrorCode): RefusalOutcome {
  switch (code) {
    case 'PART_CLOSED':
    case 'DEADLINE_PASSED':
    case 'UNKNOWN_QUESTION':
    case 'UNKNOWN_VIGNETTE':
    case 'NOTE_TOO_LONG':
    case 'TOO_MANY_HIGHLIGHTS':
    case 'TOOLS_INVALID':
      return 'drop';
    case 'SEQ_REUSED':
      return 'renumber';
    case 'ESSAY_NOT_AN_OBJECT':
    case 'ESSAY_FORBIDDEN_KEY':
    case 'ESSAY_EVENT_HANDLER_KEY':
    case 'ESSAY_UNKNOWN_KEY':
    case 'ESSAY_UNKNOWN_NODE_TYPE':
    case 'ESSAY_UNKNOWN_MARK_TYPE':
    case 'ESSAY_UNKNOWN_ATTRIBUTE':
    case 'ESSAY_INVALID_ATTRIBUTE':
    case 'ESSAY_UNSAFE_URL':
    case 'ESSAY_INVALID_TEXT':
    case 'ESSAY_INVALID_STRUCTURE':
    case 'ESSAY_TOO_DEEP':
    case 'ESSAY_TOO_LARGE':
      return 'hold';
    // Not stored yet: the clock is paused or the part not started, or a code from a newer server.
    case 'PART_NOT_STARTED':
    case 'PART_PAUSED':
    case 'UNKNOWN_ERROR':
      return 'retry';
    // Not a refusal of a change today (HTTP-only, or a socket error); if one ever answers a
    // change, keeping it is the safe choice.
    case 'BAD_REQUEST':
    case 'VALIDATION_FAILED':
    case 'UNAUTHENTICATED':
    case 'INVALID_CREDENTIALS':
    case 'FORBIDDEN':
    case 'BAD_ORIGIN':
    case 'SEB_REQUIRED':
    case 'NOT_ASSIGNED':
    case 'NOT_FOUND':
    case 'CONFLICT':
    case 'ALREADY_EXISTS':
    case 'SETUP_LINK_INVALID':
    case 'PAYLOAD_TOO_LARGE':
    case 'RATE_LIMITED':
    case 'WEAK_PASSWORD':
    case 'CURRENT_PASSWORD_WRONG':
    case 'TOKEN_INVALID':
    case 'TOKEN_EXPIRED':
    case 'TOKEN_USED':
    case 'TWO_FACTOR_CODE_WRONG':
    case 'TWO_FACTOR_ENROLMENT_REQUIRED':
    case 'ACCOUNT_LOCKED':
    case 'INTERNAL':
    case 'AUDIT_CHAIN_BROKEN':
    case 'BAD_MESSAGE':
    case 'PROTOCOL_VERSION':
    case 'TAKEN_OVER':
    case 'SERVER_ERROR':
    case 'RESUME_CODE_REQUIRED':
    case 'SITTING_LOCKED':
    case 'SITTING_INCOMPLETE':
    case 'SITTING_NOT_READY':
    case 'ILLEGAL_TRANSITION':
    case 'ENROLMENT_INVALID':
    case 'NO_PROFILE':
    case 'NO_OPEN_SITTING':
    case 'FORM_MISSING':
    case 'NOT_ARRIVED':
    case 'ALREADY_ADMITTED':
    case 'NOT_ADMITTED':
    case 'ROOM_PAUSED':
    case 'LATE_ARRIVAL':
    case 'RETAKE_NOT_ELIGIBLE':
    case 'NOT_RUNNING':
    case 'NOT_PAUSED':
    case 'NO_ATTEMPT':
    case 'ALREADY_CREDITED':
    case 'STILL_DISCONNECTED':
    case 'NOTHING_TO_CREDIT':
    case 'INCIDENT_MISMATCH':
    case 'RESUME_CODE_INVALID':
    case 'RESUME_CODE_EXPIRED':
    case 'RESUME_CODE_USED':
    case 'LATE_HELD':
    case 'TOO_MANY_LATE_CHANGES':
    case 'PATCH_BASE_MISMATCH':
    case 'PATCH_REFUSED':
    case 'LATE_SEND_WHOLE':
    case 'PART_ONE_OPEN':
    case 'PART_TWO_UNAVAILABLE':
    case 'WRONG_CHOICE_COUNT':
    case 'ALREADY_DECIDED':
    case 'ITEM_RETIRED':
    case 'NO_CHANGES':
    case 'NOTHING_TO_PUBLISH':
    case 'FORM_RETIRED':
    case 'BLUEPRINT_INVALID':
    case 'BANK_INSUFFICIENT':
    case 'VIGNETTE_SET_IN_USE':
    case 'VIGNETTE_SET_LOCKED':
    case 'RUBRIC_NOT_CURRENT':
    case 'RUBRIC_LOCKED':
    case 'RUBRIC_CHANGED':
    case 'RUBRIC_VERSION_MISMATCH':
    case 'SHEET_INCOMPLETE':
    case 'ALREADY_SUBMITTED':
    case 'NOT_SUBMITTED':
    case 'QUALIFICATION_NOT_OPEN':
    case 'QUALIFICATION_UNAVAILABLE':
    case 'QUALIFICATION_CLOSED':
    case 'GRADER_PAUSED':
    case 'RESULTS_NOT_READY':
    case 'ALREADY_RELEASED':
    case 'APPEAL_WINDOW_CLOSED':
    case 'APPEAL_ALREADY_OPEN':
    case 'AUTHORISATION_EXPIRED':
    case 'AUTHORISATION_EXPIRES_BEFORE_SITTING':
    case 'BOOKING_WINDOW_CLOSED':
    case 'CANCEL_CUTOFF_PASSED':
    case 'ALREADY_BOOKED':
    case 'APPEAL_REVIEWS_PENDING':
    case 'APPEAL_REVIEWER_ASSIGNED':
    case 'APPEAL_NO_REVIEWER':
    case 'LATE_CHANGES_CHANGED':
    case 'FEEDBACK_NOT_FINAL':
    case 'FEEDBACK_CHANGED':
    case 'NO_COMMENT':
    case 'ANALYSIS_SCOPE_NOT_FOUND':
    case 'NO_REVIEW_PENDING':
    case 'PACKAGE_TOO_LARGE':
    case 'PACKAGE_TOO_MANY_ENTRIES':
    case 'PACKAGE_UNSAFE_PATH':
    case 'PACKAGE_NOT_ZIP':
    case 'PACKAGE_NO_MANIFEST':
    case 'PACKAGE_XML_DTD':
    case 'PACKAGE_XML_INVALID':
    case 'PLAN_CHANGED':
    case 'CUT_OUT_OF_RANGE':
    case 'FORM_EMPTY':
    case 'NOT_A_PANELIST':
    case 'PANELIST_IS_CANDIDATE':
    case 'NO_SUCH_ITEM':
    case 'STUDY_CLOSED':
    case 'WRONG_ROUND':
    case 'NO_IMPACT_DATA':
    case 'NO_RATINGS':
    case 'REASON_REQUIRED':
    case 'SITTING_OPEN':
    case 'FORM_NOT_SAT':
    case 'SITTING_NOT_CLOSED':
    case 'CORRECTION_UNCHANGED':
    case 'DOCUMENT_TYPE_REFUSED':
    case 'DOCUMENT_TOO_LARGE':
    case 'REQUEST_DEADLINE_PASSED':
    case 'REQUEST_PENDING':
    case 'REQUEST_DECIDED':
    case 'IDENTITY_CHECK_REQUIRED':
    case 'PACKAGE_CONTENT_TYPE':
    case 'REVIEW_PENDING':
    case 'NETWORK_ERROR':
    case 'BAD_RESPONSE':
    case 'HTTP_ERROR':
      return 'retry';
  }
}
