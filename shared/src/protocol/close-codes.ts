/**
 * Websocket close codes: 4000 + the HTTP status they mirror, and RFC 6455's own 1009 for a frame
 * too big. The client decides from these whether to reconnect.
 */
export const closeCodes = {
  BAD_REQUEST: 4400,
  UNAUTHENTICATED: 4401,
  FORBIDDEN: 4403,
  NOT_FOUND: 4404,
  /**
   * Another tab or device took over this attempt, or this socket was the oldest of more than
   * its sign-in session (or candidate) may hold open: the newest takes over.
   */
  TAKEN_OVER: 4409,
  /**
   * A frame over the cap. RFC 6455's "message too big": `ws` closes with it itself past the
   * socket's transport cap, and the server uses it past a part's smaller cap, so a client sees
   * one code for both.
   */
  MESSAGE_TOO_BIG: 1009,
  /** Protocol version mismatch: the page must reload. */
  UPGRADE_REQUIRED: 4426,
  /** Another device holds this attempt: a proctor's one-time resume code is needed to continue. */
  RESUME_CODE_REQUIRED: 4428,
  /** The socket kept sending faster than its frame rate for longer than its burst allows. */
  RATE_LIMITED: 4429,
  SERVER_ERROR: 4500,
  /** The server is shutting down; reconnect. */
  GOING_AWAY: 4503,
  /**
   * RFC 6455's "service restart": this instance is stopping (SIGTERM: a deploy or a patch), every
   * save it acknowledged is committed, and another instance behind the load balancer takes over.
   * The client reconnects at once and says nothing alarming.
   */
  SERVICE_RESTART: 1012,
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
