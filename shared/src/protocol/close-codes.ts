/** Websocket close codes: 4000 + the HTTP status they mirror. The client decides from these whether to reconnect. */
export const closeCodes = {
  BAD_REQUEST: 4400,
  UNAUTHENTICATED: 4401,
  FORBIDDEN: 4403,
  NOT_FOUND: 4404,
  /** Another tab or device took over this attempt. */
  TAKEN_OVER: 4409,
  PAYLOAD_TOO_LARGE: 4413,
  /** Protocol version mismatch: the page must reload. */
  UPGRADE_REQUIRED: 4426,
  /** Another device holds this attempt: a proctor's one-time resume code is needed to continue. */
  RESUME_CODE_REQUIRED: 4428,
  RATE_LIMITED: 4429,
  SERVER_ERROR: 4500,
  /** The server is shutting down; reconnect. */
  GOING_AWAY: 4503,
} as const;

export type CloseCode = (typeof closeCodes)[keyof typeof closeCodes];

/** Codes after which reconnecting would only fail the same way. */
export const finalCloseCodes: readonly number[] = [
  closeCodes.UNAUTHENTICATED,
  closeCodes.FORBIDDEN,
  closeCodes.NOT_FOUND,
  closeCodes.TAKEN_OVER,
  closeCodes.UPGRADE_REQUIRED,
  closeCodes.RESUME_CODE_REQUIRED,
];
