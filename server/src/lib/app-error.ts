import { errorCodes, type ErrorCode, type ErrorStatus } from '@exam/shared/errors';

export type { ErrorCode } from '@exam/shared/errors';

/**
 * The one error type services throw; mapped once to HTTP (plugins/error-handler.ts) and to
 * websocket errors. The code must be in shared's closed list, and a status given explicitly must
 * be the one the list holds for that code, so a code cannot mean 404 here and 409 there.
 */
export class AppError<C extends ErrorCode = ErrorCode> extends Error {
  readonly status: number;

  constructor(
    readonly code: C,
    message: string,
    status: ErrorStatus<C> = errorCodes[code].status,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = status;
  }
}
