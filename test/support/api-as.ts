import { expect } from 'vitest';
import { DEMO_PASSWORD, type BrowserHarness } from './browser-harness.js';

/**
 * Signs `email` in against the harness's server and returns a caller for its API, with the
 * session cookie and the Origin (the harness's PUBLIC_ORIGIN) that state changes need. For the
 * set-up a browser test stands on; what the test proves goes through the page.
 */
export async function apiAs(harness: BrowserHarness, email: string) {
  const login = await harness.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { origin: harness.baseUrl },
    payload: { email, password: DEMO_PASSWORD },
  });
  expect(login.statusCode, login.body).toBe(200);
  const sid = login.cookies.find((c) => c.name === 'sid')!;
  return (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    harness.app.inject({
      method,
      url,
      headers: { cookie: `sid=${sid.value}`, origin: harness.baseUrl },
      ...(payload ? { payload } : {}),
    });
}
