import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradingStandardKeepers, programmeContentEditors } from '@exam/shared/domain';
import { bankItems, graders, rubrics, vignetteSets } from '../src/db/schema/index.js';
import { associationB, send } from './helpers/association-b.js';
import { userIdOf } from './helpers/grading-fixture.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

/**
 * Issue 20: the item bank, forms, vignette sets, rubrics, study pointers, standard setting and the
 * grader pool's qualifications are the programme's, shared by every association. Administrators and
 * every association's coordinators keep them; proctors, graders and candidates change none of it.
 */
let t: TestApp;
let admin: string;
let coordinatorA: string;
let coordinatorB: string;
let proctor: string;
let grader1: string;
let candidate: string;

/** Where the programme's shared content lives (a panelist's own ratings are not under these). */
const contentPrefixes = [
  '/api/bank/',
  '/api/vignette-sets',
  '/api/grading/rubrics',
  '/api/study-pointers',
  '/api/standard-setting/studies',
];
/** The grading standard's writes: the programme's administrators and chief graders. */
const standardWrites = [
  'POST /api/grading/benchmarks',
  'PUT /api/grading/benchmarks/:id',
  'PUT /api/grading/calibration-settings',
  'POST /api/grading/qualifications/decide',
  'POST /api/grading/monitoring/pauses/:id/lift',
  'POST /api/grading/monitoring/send-to-another-reader',
];
/** Writes outside those prefixes that change the programme's shared things too. */
const otherWrites = ['PUT /api/grading/graders/:id'];

beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAs(t.app, 'admin@demo.test');
  coordinatorA = await loginAs(t.app, 'coordinator@demo.test');
  coordinatorB = (await associationB(t.app, t.database.db)).coordinator;
  proctor = await loginAs(t.app, 'proctor@demo.test');
  grader1 = await loginAs(t.app, 'grader1@demo.test');
  candidate = await loginAs(t.app, 'candidate@demo.test');
});
afterAll(() => t.close());

async function rowCounts() {
  const { db } = t.database;
  const [items] = await db.select({ n: count() }).from(bankItems);
  const [sets] = await db.select({ n: count() }).from(vignetteSets);
  const [kept] = await db.select({ n: count() }).from(rubrics);
  return { items: items!.n, sets: sets!.n, rubrics: kept!.n };
}

const newItem = {
  stem: 'A programme question: which response best supports a worried parent?',
  options: ['Listen first', 'Advise at once', 'Change the subject', 'Refer elsewhere'],
  keyIndex: 0,
  domain: 'communicating',
  ageBand: '0-3',
};

describe('who may change the programme-wide content', () => {
  it('declares every write on programme content for its keepers, every read for coordinators too', () => {
    const content = t.app.routeAccess.filter((route) =>
      contentPrefixes.some((prefix) => route.url.startsWith(prefix)),
    );
    expect(content.length).toBeGreaterThan(25);
    for (const write of otherWrites) {
      const route = t.app.routeAccess.find((r) => `${r.method} ${r.url}` === write);
      expect({ write, access: route?.access }).toEqual({ write, access: programmeContentEditors });
    }
    for (const write of standardWrites) {
      const route = t.app.routeAccess.find((r) => `${r.method} ${r.url}` === write);
      expect({ write, access: route?.access }).toEqual({ write, access: gradingStandardKeepers });
    }
    const wrong = content
      .filter((route) =>
        route.method === 'GET'
          ? !(Array.isArray(route.access) && route.access.includes('coordinator'))
          : JSON.stringify(route.access) !== JSON.stringify(programmeContentEditors),
      )
      .map((route) => `${route.method} ${route.url}: ${JSON.stringify(route.access)}`);
    expect(wrong).toEqual([]);
  });

  it('refuses a proctor, a grader and a candidate every edit, and changes nothing', async () => {
    const before = await rowCounts();
    const [set] = await t.database.db.select({ id: vignetteSets.id }).from(vignetteSets).limit(1);
    const [rubric] = await t.database.db.select({ id: rubrics.id }).from(rubrics).limit(1);
    const grader = await userIdOf(t.database.db, 'grader1@demo.test');
    const qualifiedBefore = await t.database.db.select().from(graders);
    for (const someone of [proctor, grader1, candidate]) {
      const attempts = [
        await send(t.app, someone, 'POST', '/api/bank/items', newItem),
        await send(t.app, someone, 'POST', '/api/bank/forms', { endorsement: 'IMH-E' }),
        await send(t.app, someone, 'POST', `/api/vignette-sets/${set!.id}/retire`, {}),
        await send(t.app, someone, 'PUT', `/api/grading/rubrics/${rubric!.id}`, {}),
        await send(t.app, someone, 'PUT', '/api/study-pointers/reflection', {}),
        await send(t.app, someone, 'POST', '/api/standard-setting/studies', {}),
        await send(t.app, someone, 'PUT', `/api/grading/graders/${grader}`, {
          variants: [],
          adjudicator: false,
        }),
        await send(t.app, someone, 'POST', '/api/grading/qualifications/decide', {
          graderId: grader,
          variant: 'clinical',
          qualified: false,
          note: 'Not for a grader to decide',
        }),
        await send(t.app, someone, 'PUT', '/api/grading/calibration-settings', {}),
      ];
      expect(attempts.map((r) => [r.statusCode, r.json().error.code])).toEqual(
        attempts.map(() => [403, 'FORBIDDEN']),
      );
    }
    expect(await rowCounts()).toEqual(before);
    expect(await t.database.db.select().from(graders)).toEqual(qualifiedBefore);
  });

  it("lets both associations' coordinators read the shared content", async () => {
    for (const coordinator of [coordinatorA, coordinatorB]) {
      for (const url of [
        '/api/bank/items',
        '/api/bank/forms',
        '/api/vignette-sets',
        '/api/grading/rubrics',
        '/api/study-pointers',
      ]) {
        const response = await send(t.app, coordinator, 'GET', url);
        expect({ url, status: response.statusCode }).toEqual({ url, status: 200 });
      }
    }
  });

  it("lets an administrator and either association's coordinator write an item every coordinator reads", async () => {
    const created = await send(t.app, admin, 'POST', '/api/bank/items', newItem);
    expect(created.statusCode, created.body).toBe(201);
    const byB = await send(t.app, coordinatorB, 'POST', '/api/bank/items', newItem);
    expect(byB.statusCode, byB.body).toBe(201);
    const seenByA = await send(t.app, coordinatorA, 'GET', `/api/bank/items/${byB.json().item.id}`);
    expect(seenByA.json().item.draft.stem).toBe(newItem.stem);
    const seen = await send(
      t.app,
      coordinatorB,
      'GET',
      `/api/bank/items/${created.json().item.id}`,
    );
    expect(seen.json().item.draft.stem).toBe(newItem.stem);
  });
});
