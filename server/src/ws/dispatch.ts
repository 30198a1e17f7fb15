import { AppError } from '../lib/app-error.js';

/** A parsed client message: every protocol union is discriminated by `type`. */
export interface TypedMessage {
  readonly type: string;
}

/**
 * One handler per message type of a protocol union `M`, each receiving its own message shape
 * and the socket's context `C`. The mapped type has a required key for every member of the
 * union, so a message added to `shared/src/protocol` without a handler fails the typecheck.
 */
export type HandlerMap<M extends TypedMessage, C> = {
  readonly [K in M['type']]: (message: Extract<M, { type: K }>, context: C) => void | Promise<void>;
};

/** What a protocol's parse function returns (parseClientMessage, parseProctorClientMessage). */
export type ParseResult<M> = { ok: true; message: M } | { ok: false; problem: string };

/**
 * Hands a parsed message to its handler. The handler runs synchronously up to its first
 * `await`, as an inline `switch` would: frames that arrive in one chunk are handled, and
 * answered, in the order they were sent. A throw, synchronous or not, becomes the rejection.
 */
export function dispatch<M extends TypedMessage, C>(
  handlers: HandlerMap<M, C>,
  message: M,
  context: C,
): Promise<void> {
  const handler = (handlers as Record<string, unknown>)[message.type];
  try {
    // Parsing admits only known types and the map is exhaustive; this guards a caller that
    // dispatches something it did not parse.
    if (typeof handler !== 'function') {
      throw new AppError('BAD_MESSAGE', `Unknown message type: ${message.type}.`);
    }
    return Promise.resolve(
      (handler as (message: M, context: C) => void | Promise<void>)(message, context),
    );
  } catch (error) {
    return Promise.reject(error as Error);
  }
}
