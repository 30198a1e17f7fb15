import { apiErrorSchema } from '@exam/shared/api';
import type { ErrorCode } from '@exam/shared/errors';

/**
 * Anything that checks a response body: every shared zod schema fits, and so does `envelope()`.
 * Kept structural so the client needs no zod of its own.
 */
export interface ResponseSchema<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false; error: unknown };
}

/** Client-side codes (in shared's list, status 0), for failures that never produced a server error body. */
export const NETWORK_ERROR = 'NETWORK_ERROR' satisfies ErrorCode;
export const BAD_RESPONSE = 'BAD_RESPONSE' satisfies ErrorCode;

/**
 * A failed API call, with the server's stable code and its human-readable message. A code this
 * build does not know (a newer server) reads as `UNKNOWN_ERROR` and keeps the server's message.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  /** A file sent as the raw body with its own content type (instead of `body`). */
  upload?: { data: Blob; type: string };
  signal?: AbortSignal;
}

/** One path segment from a value (an id, a code): encoded, so a `/` or `?` in it stays inside. */
export const id = (value: string): string => encodeURIComponent(value);

/** Request options carrying `signal` only when there is one; spread into `apiRequest`'s options. */
export const withSignal = (signal?: AbortSignal): { signal?: AbortSignal } =>
  signal ? { signal } : {};

/** Wraps a shared schema for responses shaped `{ [key]: value }`. */
export function envelope<K extends string, T>(
  key: K,
  schema: ResponseSchema<T>,
): ResponseSchema<Record<K, T>> {
  return {
    safeParse(input) {
      if (typeof input !== 'object' || input === null || !(key in input)) {
        return { success: false, error: new Error(`response has no "${key}"`) };
      }
      const inner = schema.safeParse((input as Record<string, unknown>)[key]);
      if (!inner.success) return inner;
      return { success: true, data: { [key]: inner.data } as Record<K, T> };
    },
  };
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function errorFrom(response: Response, body: unknown): ApiError {
  const parsed = apiErrorSchema.safeParse(body);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiError(response.status, code, message, details);
  }
  // Not our error body (a proxy's error page): the status says what happened.
  return new ApiError(
    response.status,
    'HTTP_ERROR',
    `The server answered ${response.status} ${response.statusText}`.trim() + '.',
  );
}

/**
 * Calls the API on this origin with the session cookie, sends and reads JSON, and throws an
 * `ApiError` for every failure: the server's `{ error: { code, message } }`, an unreachable
 * server, or a response that does not match the shared schema.
 */
export async function apiRequest<T>(
  path: string,
  options: RequestOptions & { schema: ResponseSchema<T> },
): Promise<T>;
/** Calls the API for its effect only; the response body is ignored. */
export async function apiRequest(path: string, options?: RequestOptions): Promise<void>;
export async function apiRequest<T>(
  path: string,
  options: RequestOptions & { schema?: ResponseSchema<T> } = {},
): Promise<T | undefined> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // Fastify rejects a JSON content type with an empty body, so only say JSON when sending some.
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.upload) headers['content-type'] = options.upload.type;
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      credentials: 'same-origin',
      body: options.upload
        ? options.upload.data
        : options.body === undefined
          ? null
          : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(
      0,
      NETWORK_ERROR,
      'Could not reach the server. Check your connection and try again.',
    );
  }
  const body = await readJson(response);
  if (!response.ok) throw errorFrom(response, body);
  if (!options.schema) return undefined;
  const parsed = options.schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(
      response.status,
      BAD_RESPONSE,
      'The server sent an answer this page does not understand. Reload the page and try again.',
      parsed.error,
    );
  }
  return parsed.data;
}

/** The message to show for any error thrown while calling the API. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Something went wrong. Reload the page and try again.';
}
