import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionResponseSchema } from '@exam/shared/api';
import {
  ApiError,
  BAD_RESPONSE,
  NETWORK_ERROR,
  apiRequest,
  envelope,
  messageOf,
} from '../src/lib/api';
import { adminSession } from './helpers/sessions';

function respond(status: number, body?: unknown, statusText = '') {
  const fetchMock = vi.fn(
    async () =>
      new Response(body === undefined ? null : JSON.stringify(body), {
        status,
        statusText,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
      }),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

// The administrator's session, on the embedded database.
const session = { ...adminSession, embeddedDatabase: true };

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('apiRequest', () => {
  it('maps the server error shape to an ApiError with its code, message and status', async () => {
    respond(401, {
      error: { code: 'INVALID_CREDENTIALS', message: 'Email or password is incorrect.' },
    });
    const error = await failure(apiRequest('/api/auth/login', { method: 'POST', body: {} }));
    expect(error).toMatchObject({
      status: 401,
      code: 'INVALID_CREDENTIALS',
      message: 'Email or password is incorrect.',
    });
    expect(messageOf(error)).toBe('Email or password is incorrect.');
  });

  it('keeps the details of a validation error', async () => {
    const details = [{ path: ['email'], message: 'Invalid email' }];
    respond(400, { error: { code: 'VALIDATION_FAILED', message: 'Invalid input', details } });
    const error = await failure(apiRequest('/api/users', { method: 'POST', body: {} }));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toEqual(details);
  });

  it('reads a code this build does not know as UNKNOWN_ERROR and keeps the message', async () => {
    respond(409, { error: { code: 'FROM_A_NEWER_SERVER', message: 'Something new went wrong.' } });
    const error = await failure(apiRequest('/api/users', { method: 'POST', body: {} }));
    expect(error).toMatchObject({ status: 409, code: 'UNKNOWN_ERROR' });
    expect(error.message).toBe('Something new went wrong.');
  });

  it('gives an error body in another shape a code from its HTTP status', async () => {
    respond(502, '<html>Bad gateway</html>', 'Bad Gateway');
    const error = await failure(apiRequest('/api/users'));
    expect(error).toMatchObject({ status: 502, code: 'HTTP_ERROR' });
    expect(error.message).toBe('The server answered 502 Bad Gateway.');
  });

  it('reports an unreachable server as a network error', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const error = await failure(apiRequest('/api/auth/session'));
    expect(error).toMatchObject({ status: 0, code: NETWORK_ERROR });
  });

  it('refuses a success body that does not match the shared schema', async () => {
    respond(200, { user: { id: 'not-a-uuid' } });
    const error = await failure(apiRequest('/api/auth/session', { schema: sessionResponseSchema }));
    expect(error.code).toBe(BAD_RESPONSE);
  });

  it('returns the parsed body, and unwraps envelopes', async () => {
    respond(200, session);
    await expect(
      apiRequest('/api/auth/session', { schema: sessionResponseSchema }),
    ).resolves.toEqual(session);
    respond(200, { users: [{ ...session.user, disabled: false }] });
    const wrapped = envelope('users', {
      safeParse: (input: unknown) =>
        Array.isArray(input)
          ? { success: true as const, data: input.length }
          : { success: false as const, error: 'not an array' },
    });
    await expect(apiRequest('/api/users', { schema: wrapped })).resolves.toEqual({ users: 1 });
  });

  it('sends JSON with the session cookie, and no content type without a body', async () => {
    const fetchMock = respond(204);
    await apiRequest('/api/auth/logout', { method: 'POST' });
    await apiRequest('/api/users', { method: 'POST', body: { a: 1 } });
    const [, first] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    const [, second] = fetchMock.mock.calls[1] as unknown as [string, RequestInit];
    expect(first.credentials).toBe('same-origin');
    expect(first.headers).not.toHaveProperty('content-type');
    expect(first.body).toBeNull();
    expect(second.headers).toHaveProperty('content-type', 'application/json');
    expect(second.body).toBe('{"a":1}');
  });
});
