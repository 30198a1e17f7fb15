import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { Role } from '@exam/shared/domain';
import { sessions } from '../src/db/schema/index.js';
import { sitPartOne } from './helpers/analysis-fixture.js';
import { associationAObjects } from './helpers/association-a.js';
import {
  B_PASSWORD,
  fingerprint,
  makeAssociationB,
  objectIdsOfA,
} from './helpers/association-walk.js';
import { scopeOfRoute, type AssociationAObjects } from './helpers/association-routes.js';
import { userIdOf } from './helpers/grading-fixture.js';
import { createTestApp, loginAs, TEST_ORIGIN, type TestApp } from './helpers/test-app.js';

/**
 * The isolation walk: every HTTP route and both websockets, called by a coordinator, a proctor
 * and a candidate of association B against association A's objects (the demo's: its sitting,
 * candidate, enrolment, attempt, a held late change, a failed mail, an invitation, an appeal, a
 * response with a grader's annotation and a session; see helpers/association-a.ts). Each must answer not-found (or refuse
 * the role outright) and change nothing of A's; every list must hold none of A's ids. A route
 * missing from helpers/association-routes.ts fails the walk, so no route ships unscoped.
 */
let t: TestApp;
let a: AssociationAObjects;
const bCookies = new Map<Role, string>();

beforeAll(async () => {
  t = await createTestApp({ listen: true });
  const { db } = t.database;
  await sitPartOne(t.app, db, 'candidate@demo.test', (p) => (p % 3 === 0 ? 'next' : 'key'));
  a = await associationAObjects(t.app, db);
  // A's coordinator declares a grader's conflict with A's candidate: the graders page, open to
  // every coordinator, must not show it to B's.
  const declared = await t.app.inject({
    method: 'POST',
    url: `/api/grading/graders/${await userIdOf(db, 'grader1@demo.test')}/conflicts`,
    headers: { origin: TEST_ORIGIN, cookie: await loginAs(t.app, 'coordinator@demo.test') },
    payload: { candidateEmail: 'candidate@demo.test', reason: 'Supervised them' },
  });
  if (declared.statusCode !== 200) throw new Error(`conflict not declared: ${declared.body}`);
  await makeAssociationB(db);
  for (const role of ['coordinator', 'proctor', 'candidate'] as const) {
    bCookies.set(role, await loginAs(t.app, `${role}@b.test`, B_PASSWORD));
  }
}, 120_000);
afterAll(() => t.close());

/** Every id, address and name of A's that must never appear in anything B's people are shown. */
function idsOfA(): string[] {
  return [...objectIdsOfA(a), 'candidate@demo.test', 'Casey Candidate', 'coordinator@demo.test'];
}

function upgradeStatus(url: string, cookie: string): Promise<number> {
  const address = t.app.server.address();
  if (!address || typeof address === 'string') throw new Error('not listening');
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${address.port}${url}`, {
      headers: { origin: TEST_ORIGIN, cookie },
    });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('error', reject);
  });
}

describe("association B's people against association A's objects", () => {
  it('finds every route classified, and nothing of A reached, listed or changed', async () => {
    const unclassified: string[] = [];
    const leaks: string[] = [];
    let walked = 0;
    const before = await fingerprint(t.database.db);
    for (const route of t.app.routeAccess) {
      const scope = scopeOfRoute(route.method, route.url);
      if (!scope) {
        unclassified.push(`${route.method} ${route.url}`);
        continue;
      }
      // The programme's shared content is open to every association, but it must not carry
      // A's people with it (a grader's conflicts name candidates, analysis names sittings).
      const readsProgramme =
        scope.kind === 'programme' && route.method === 'GET' && !route.url.includes(':');
      if (!['target', 'list', 'shared'].includes(scope.kind) && !readsProgramme) continue;
      for (const [role, cookie] of bCookies) {
        const admitted =
          route.access === 'authenticated' ||
          (Array.isArray(route.access) && route.access.includes(role));
        if (!admitted) continue;
        if (route.url.startsWith('/ws/')) {
          if (scope.kind !== 'target') continue;
          const status = await upgradeStatus(scope.url(a), cookie);
          if (status !== 404) leaks.push(`${route.url} as B's ${role}: upgrade ${status}`);
          continue;
        }
        const url = scope.kind === 'target' || scope.kind === 'shared' ? scope.url(a) : route.url;
        const body = scope.kind === 'target' && scope.body ? scope.body(a) : undefined;
        const response = await t.app.inject({
          method: route.method as 'GET',
          url,
          headers: { origin: TEST_ORIGIN, cookie },
          ...(route.method === 'GET' ? {} : { payload: (body ?? {}) as object }),
        });
        walked += 1;
        const where = `${route.method} ${url} as B's ${role}`;
        if (scope.kind === 'target' && response.statusCode !== 404) {
          leaks.push(`${where}: ${response.statusCode} ${response.body.slice(0, 120)}`);
        }
        const shown = idsOfA().filter((id) => response.body.includes(id));
        if (shown.length > 0) leaks.push(`${where}: shows ${shown.join(', ')}`);
      }
    }
    expect(unclassified).toEqual([]);
    expect(leaks).toEqual([]);
    // Every target and list route admits B's coordinator or proctor at least once.
    expect(walked).toBeGreaterThan(70);
    expect(await fingerprint(t.database.db)).toEqual(before);
    // Sessions are not fingerprinted (B's own move as they sign in); A's must still be open.
    const [session] = await t.database.db
      .select({ revokedAt: sessions.revokedAt })
      .from(sessions)
      .where(sql`${sessions.id} = ${a.sessionId}`);
    expect(session).toEqual({ revokedAt: null });
  }, 120_000);

  it("answers A's own coordinator for the same objects, so the walk's 404s are not for want of a row", async () => {
    const cookie = await loginAs(t.app, 'coordinator@demo.test');
    const get = (url: string) =>
      t.app.inject({ method: 'GET', url, headers: { origin: TEST_ORIGIN, cookie } });
    for (const url of [
      `/api/appeals/${a.appealId}`,
      `/api/grading/items/${a.responseCode}/annotations`,
      `/api/sittings/${a.sittingId}`,
      `/api/mail/messages/${a.mailId}`,
    ]) {
      expect({ url, status: (await get(url)).statusCode }).toEqual({ url, status: 200 });
    }
    // The pause's review shows A's coordinator A's reading, the one B's must not see.
    expect((await get(`/api/grading/monitoring/pauses/${a.pauseId}`)).body).toContain(
      a.responseCode,
    );
    expect((await get('/api/invitations')).body).toContain(a.invitationId);
  });

  it("gives B's candidate an exam socket that knows nothing of A's attempts", async () => {
    const address = t.app.server.address();
    if (!address || typeof address === 'string') throw new Error('not listening');
    const ws = new WebSocket(`ws://127.0.0.1:${address.port}/ws/exam`, {
      headers: { origin: TEST_ORIGIN, cookie: bCookies.get('candidate')! },
    });
    const received: string[] = [];
    await new Promise<void>((resolve) => {
      ws.on('message', (data) => received.push(data.toString()));
      ws.once('open', () => {
        ws.send(JSON.stringify({ type: 'hello', protocolVersion: 5, lastAckedSeq: 0 }));
        setTimeout(resolve, 500);
      });
      ws.once('unexpected-response', () => resolve());
      ws.once('error', () => resolve());
    });
    ws.close();
    const text = received.join('\n');
    expect(idsOfA().filter((id) => text.includes(id))).toEqual([]);
  });
});
