import net from 'node:net';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExamSocket } from '../../server/test/helpers/exam-fixture.js';
import {
  createTestApp,
  loginAs,
  TEST_ORIGIN,
  type TestApp,
} from '../../server/test/helpers/test-app.js';
import { cookieAttributes, setCookieOf } from '../support/cookies.js';

/** Attack suite, HTTP cases: each is refused with a clear error and changes nothing. */
let t: TestApp;
const logLines: string[] = [];

beforeAll(async () => {
  const logStream = new PassThrough();
  logStream.on('data', (chunk: Buffer) =>
    logLines.push(...chunk.toString().split('\n').filter(Boolean)),
  );
  t = await createTestApp({ listen: true, logStream });
});
afterAll(() => t.close());

const dummyId = '00000000-0000-4000-8000-000000000000';

function portOf(app: TestApp['app']): number {
  const address = app.server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

/**
 * POSTs a body of `bytes` over a raw socket in slices, as a slow uplink would, reading nothing
 * until all of it is written (a busy client); resolves with what the server answered, or the
 * transport error that ended the connection instead.
 */
function slowPost(bytes: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(portOf(t.app), '127.0.0.1');
    socket.pause();
    const received: Buffer[] = [];
    let failure = '';
    socket.on('data', (chunk) => received.push(chunk));
    socket.on('error', (error) => (failure ||= `transport error: ${error.message}`));
    socket.on('close', () => resolve(Buffer.concat(received).toString() || failure));
    const body = Buffer.alloc(bytes, 0x20);
    const slice = 128 * 1024;
    let offset = 0;
    const writeNext = () => {
      if (socket.destroyed) return;
      if (offset >= body.length) {
        socket.resume();
        setTimeout(() => socket.end(), 200);
        return;
      }
      const part = body.subarray(offset, offset + slice);
      offset += slice;
      socket.write(part, () => setTimeout(writeNext, 5));
    };
    socket.on('connect', () => {
      socket.write(
        `POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: ${TEST_ORIGIN}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${bytes}\r\n\r\n`,
        () => setTimeout(writeNext, 50),
      );
    });
  });
}

describe('attack suite: HTTP', () => {
  it('3. puts no token or secret in any URL or log line', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: TEST_ORIGIN },
      payload: { email: 'candidate@demo.test', password: 'demo-password-2026' },
    });
    const token = login.cookies.find((c) => c.name === 'sid')!.value;
    const cookie = `sid=${token}`;
    const socket = await ExamSocket.connect(t.app, cookie);
    await socket.hello();
    expect(socket.ws.url).not.toContain(token);
    socket.close();
    await t.app.inject({ url: '/api/auth/session', headers: { cookie } });
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie, origin: TEST_ORIGIN },
    });
    expect(logLines.length).toBeGreaterThan(5);
    const all = logLines.join('\n');
    expect(all).not.toContain(token);
    expect(all).not.toContain('demo-password-2026');
    expect(all).not.toMatch(/\$argon2id\$/);
  });

  it('12. a candidate cannot fetch bank items, forms or vignette sets', async () => {
    const cookie = await loginAs(t.app, 'candidate@demo.test');
    const refused = t.app.routeAccess.filter(
      (r) => r.method === 'GET' && (r.url.startsWith('/api/bank') || r.url.includes('vignette')),
    );
    expect(refused.length).toBeGreaterThan(0);
    for (const route of refused) {
      const response = await t.app.inject({
        url: route.url.replace(/:[A-Za-z]+/g, dummyId),
        headers: { cookie },
      });
      expect(response.statusCode, route.url).toBe(403);
    }
  });

  it('18. a session cookie set before login is not valid after it (no fixation)', async () => {
    const planted = await loginAs(t.app, 'mentor.clinical@demo.test');
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: TEST_ORIGIN, cookie: planted },
      payload: { email: 'mentor.clinical@demo.test', password: 'demo-password-2026' },
    });
    expect(`sid=${login.cookies.find((c) => c.name === 'sid')!.value}`).not.toBe(planted);
    expect(
      (await t.app.inject({ url: '/api/auth/session', headers: { cookie: planted } })).statusCode,
    ).toBe(401);
  });

  it('20. sends the security headers on every response, errors and pages included', async () => {
    const cookie = await loginAs(t.app, 'admin@demo.test');
    const urls = [
      '/healthz',
      '/readyz',
      '/api/nope',
      '/some/client/page',
      ...t.app.routeAccess
        .filter((r) => r.method === 'GET')
        .map((r) => r.url.replace(/:[A-Za-z]+/g, dummyId)),
    ];
    for (const url of urls) {
      for (const headers of [{}, { cookie }]) {
        const response = await t.app.inject({ url, headers });
        const csp = String(response.headers['content-security-policy'] ?? '');
        expect(csp, url).toContain("frame-ancestors 'none'");
        expect(csp, url).toContain("script-src 'self'");
        expect(response.headers['x-content-type-options'], url).toBe('nosniff');
      }
    }
  });

  it('28. answers a 3 MB body with a 413 in the JSON error shape, read by clients still sending it', async () => {
    const answers = await Promise.all(Array.from({ length: 4 }, () => slowPost(3 * 1024 * 1024)));
    for (const answer of answers) {
      expect(answer).toMatch(/^HTTP\/1\.1 413 /);
      const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as {
        error: { code: string; message: string };
      };
      expect(body.error.code).toBe('PAYLOAD_TOO_LARGE');
      expect(body.error.message).toBeTruthy();
    }
  });

  it('29. marks every authenticated JSON response Cache-Control: no-store', async () => {
    const cookies = [
      await loginAs(t.app, 'admin@demo.test'),
      await loginAs(t.app, 'candidate@demo.test'),
      await loginAs(t.app, 'grader1@demo.test'),
    ];
    const urls = t.app.routeAccess
      .filter((r) => r.method === 'GET' && r.url.startsWith('/api/'))
      .map((r) => r.url.replace(/:[A-Za-z]+/g, dummyId));
    let json = 0;
    for (const cookie of cookies) {
      for (const url of urls) {
        const response = await t.app.inject({ url, headers: { cookie } });
        if (!String(response.headers['content-type']).includes('json')) continue;
        json += 1;
        expect(response.headers['cache-control'], url).toBe('no-store');
      }
    }
    expect(json).toBeGreaterThan(urls.length);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: TEST_ORIGIN },
      payload: { email: 'candidate@demo.test', password: 'demo-password-2026' },
    });
    expect(login.headers['cache-control']).toBe('no-store');
  });

  it('30. clears the session cookie at logout with the attributes it was set with', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: TEST_ORIGIN },
      payload: { email: 'candidate@demo.test', password: 'demo-password-2026' },
    });
    const set = setCookieOf(login);
    const logout = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: set.split(';')[0]!, origin: TEST_ORIGIN },
    });
    const cleared = setCookieOf(logout);
    expect(cleared).toMatch(/^sid=;/);
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970|Max-Age=0/i);
    expect(cookieAttributes(cleared)).toEqual(cookieAttributes(set));
    expect(cookieAttributes(set)).toEqual(['httponly', 'path=/', 'samesite=strict']);
  });

  it('22. refuses valid JSON of the wrong shape with a clear validation error and changes nothing', async () => {
    for (const payload of [
      { email: { $ne: '' }, password: 'x' },
      { email: ['a@b.c'], password: 'x' },
      { email: 'a@b.c', password: 1e308 },
      [1, 2, 3],
    ]) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { origin: TEST_ORIGIN },
        payload: payload as object,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
    }
    const admin = await loginAs(t.app, 'admin@demo.test');
    const before = (await t.app.inject({ url: '/api/users', headers: { cookie: admin } })).json()
      .users.length;
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: admin, origin: TEST_ORIGIN },
      payload: {
        email: 'x@demo.test',
        displayName: { first: 'X' },
        password: 'long-enough-password',
        roles: 'admin',
      },
    });
    expect(wrong.statusCode).toBe(400);
    const after = (await t.app.inject({ url: '/api/users', headers: { cookie: admin } })).json()
      .users.length;
    expect(after).toBe(before);
  });
});
