/** Stable error codes; the client and tests rely on these strings. */
export const errorCodes = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  BAD_ORIGIN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ALREADY_EXISTS: 409,
  SETUP_LINK_INVALID: 410,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  NOT_READY: 503,
} as const;

export type ErrorCode = keyof typeof errorCodes | (string & {});

/** The one error type services throw; mapped once to HTTP and websocket errors. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status: number = errorCodes[code as keyof typeof errorCodes] ?? 400,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
