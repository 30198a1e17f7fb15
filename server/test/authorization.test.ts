import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles, type Role } from '@exam/shared/domain';
import { createTestApp, loginAs, TEST_ORIGIN, type TestApp } from './helpers/test-app.js';

/**
 * Walks every registered route with every role and with no session. A route that forgets to
 * declare its access fails at registration; a route whose guard is wrong fails here.
 */
const demoUserFor: Record<Role, string> = {
  admin: 'admin@demo.test',
  coordinator: 'coordinator@demo.test',
  proctor: 'proctor@demo.test',
  grader: 'grader1@demo.test',
  candidate: 'candidate@demo.test',
  psychometrician: 'psychometrician@demo.test',
  panelist: 'panelist1@demo.test',
  'chief-grader': 'chief.grader@demo.test',
};

let t: TestApp;
const cookies = new Map<Role, string>();
beforeAll(async () => {
  t = await createTestApp();
  for (const role of roles) cookies.set(role, await loginAs(t.app, demoUserFor[role]));
});
afterAll(() => t.close());

function concreteUrl(url: string): string {
  return url.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');
}

describe('authorization table', () => {
  it('has routes to walk', () => {
    expect(t.app.routeAccess.length).toBeGreaterThan(5);
  });

  it('answers every route as its declared access says, for every role and for no session', async () => {
    const failures: string[] = [];
    for (const route of t.app.routeAccess) {
      const callers: (Role | 'anonymous')[] = ['anonymous', ...roles];
      for (const caller of callers) {
        // Logging out would end the session the rest of the walk uses: give it a fresh one.
        const cookie =
          caller === 'anonymous'
            ? undefined
            : route.url.endsWith('/logout')
              ? await loginAs(t.app, demoUserFor[caller])
              : cookies.get(caller);
        const response = await t.app.inject({
          method: route.method as 'GET',
          url: concreteUrl(route.url),
          headers: { origin: TEST_ORIGIN, ...(cookie ? { cookie } : {}) },
          ...(route.method === 'GET' ? {} : { payload: {} }),
        });
        const status = response.statusCode;
        const admitted =
          route.access === 'public' ||
          (caller !== 'anonymous' &&
            (route.access === 'authenticated' || route.access.includes(caller)));
        const expected = admitted ? 'not 401/403' : caller === 'anonymous' ? '401' : '403';
        const ok = admitted
          ? status !== 401 && status !== 403
          : status === (caller === 'anonymous' ? 401 : 403);
        if (!ok)
          failures.push(
            `${route.method} ${route.url} as ${caller}: ${status}, expected ${expected}`,
          );
      }
    }
    expect(failures).toEqual([]);
  });
});
