import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClientInto } from '../support/build-client.js';
import { createTestApp, TEST_ORIGIN, type TestApp } from '../../server/test/helpers/test-app.js';
import { cookieAttributes, setCookieOf } from '../support/cookies.js';

/** Attack suite, HTTP cases against the production build as `npm start` serves it. */
describe('attack suite: HTTP in production', () => {
  let dist: string;
  let prod: TestApp;

  beforeAll(async () => {
    // The real production build, as `npm start` makes it, into a directory of its own.
    dist = mkdtempSync(path.join(tmpdir(), 'client-build-'));
    await buildClientInto(dist);
    prod = await createTestApp({ env: { NODE_ENV: 'production', CLIENT_DIST: dist } });
  }, 180_000);
  afterAll(async () => {
    await prod?.close();
    if (dist) rmSync(dist, { recursive: true, force: true });
  });

  it('31. the production build emits no source map, and none is served even if one is left there', async () => {
    const assets = readdirSync(path.join(dist, 'assets'));
    expect(assets.some((name) => name.endsWith('.js'))).toBe(true);
    expect(assets.filter((name) => name.endsWith('.map'))).toEqual([]);
    const script = assets.find((name) => name.endsWith('.js'))!;
    expect(readFileSync(path.join(dist, 'assets', script), 'utf8')).not.toContain(
      'sourceMappingURL',
    );
    expect((await prod.app.inject({ url: `/assets/${script}` })).statusCode).toBe(200);
    writeFileSync(path.join(dist, 'assets', `${script}.map`), '{"version":3,"sources":[]}');
    for (const url of [`/assets/${script}.map`, `/assets/${script}.map?x=1`, '/missing.js.map']) {
      const response = await prod.app.inject({ url });
      expect(response.statusCode, url).toBe(404);
      expect(response.json().error.code).toBe('NOT_FOUND');
    }
  });

  it('29b. the exam pages are never cached', async () => {
    for (const url of ['/', '/index.html', '/exam', '/exam/part-two', '/grading']) {
      const response = await prod.app.inject({ url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type'], url).toMatch(/text\/html/);
      expect(response.headers['cache-control'], url).toBe('no-store');
    }
  });

  it('30b. sets the session cookie Secure and clears it with the same attributes', async () => {
    const login = await prod.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: TEST_ORIGIN },
      payload: { email: 'candidate@demo.test', password: 'demo-password-2026' },
    });
    const set = setCookieOf(login);
    const logout = await prod.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: set.split(';')[0]!, origin: TEST_ORIGIN },
    });
    const cleared = setCookieOf(logout);
    expect(cookieAttributes(set)).toEqual(['httponly', 'path=/', 'samesite=strict', 'secure']);
    expect(cookieAttributes(cleared)).toEqual(cookieAttributes(set));
  });
});
