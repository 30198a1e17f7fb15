import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExamSocket } from '../../server/test/helpers/exam-fixture.js';
import {
  createTestApp,
  loginAs,
  TEST_ORIGIN,
  type TestApp,
} from '../../server/test/helpers/test-app.js';

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
