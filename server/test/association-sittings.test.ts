import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  associationMembers,
  auditLog,
  candidateProfiles,
  enrolments,
  sittingProctors,
  sittings,
} from '../src/db/schema/index.js';
import { associationScope, programmeScope, withinScope } from '../src/db/association-scope.js';
import { listSittings } from '../src/modules/sittings/sittings.repo.js';
import { DEMO_CO_ASSOCIATION_ID } from '../src/seed/demo-people.js';
import { DEMO_CO_SITTING_NAME } from '../src/seed/demo-sitting.js';
import { DEFAULT_ASSOCIATION_ID } from '../src/modules/auth/index.js';
import { noAccommodations } from './helpers/accommodations.js';
import { apiAs, sittingInput } from './helpers/coordinator.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

/**
 * The demo's two associations: Michigan (the default, with the open demo sitting and every
 * original demo account) and Colorado. Colorado's coordinator must find nothing of Michigan's
 * through the sittings and candidates routes, and change nothing by trying.
 */
let t: TestApp;
let co: ReturnType<typeof apiAs>;
let mi: ReturnType<typeof apiAs>;
let miSittingId: string;
let miEnrolmentId: string;
let caseyId: string;

const accommodations = { ...noAccommodations, timeMultiplier: 1.5 };

const enrolCasey = {
  endorsement: 'IMH-E',
  category: 'mental-health-specialist',
  track: null,
  examEndorsement: 'IMH-E',
};

/** Everything of Michigan's sitting and Casey that a refused request might have changed. */
async function miState() {
  const db = t.database.db;
  return {
    sitting: await db.select().from(sittings).where(eq(sittings.id, miSittingId)),
    enrolments: await db.select().from(enrolments).where(eq(enrolments.sittingId, miSittingId)),
    proctors: await db
      .select()
      .from(sittingProctors)
      .where(eq(sittingProctors.sittingId, miSittingId)),
    profile: await db.select().from(candidateProfiles).where(eq(candidateProfiles.userId, caseyId)),
    memberships: await db
      .select()
      .from(associationMembers)
      .where(eq(associationMembers.userId, caseyId)),
    audit: (await db.select({ id: auditLog.id }).from(auditLog)).length,
  };
}

beforeAll(async () => {
  t = await createTestApp();
  co = apiAs(t.app, await loginAs(t.app, 'coordinator@co.demo.test'));
  mi = apiAs(t.app, await loginAs(t.app, 'coordinator@demo.test'));
  const [miSitting] = await t.database.db
    .select()
    .from(sittings)
    .where(eq(sittings.associationId, DEFAULT_ASSOCIATION_ID));
  miSittingId = miSitting!.id;
  const roster = (await mi.get(`/api/sittings/${miSittingId}/enrolments`)).body.enrolments;
  const casey = roster.find((e: { email: string }) => e.email === 'candidate@demo.test');
  miEnrolmentId = casey.id;
  caseyId = casey.candidateId;
});
afterAll(() => t.close());

describe("another association's coordinator", () => {
  it('lists only their own sittings and candidates', async () => {
    const listed = (await co.get('/api/sittings')).body.sittings;
    expect(listed.map((s: { name: string }) => s.name)).toEqual([DEMO_CO_SITTING_NAME]);
    const candidates = (await co.get('/api/candidates')).body.candidates;
    expect(candidates.map((c: { email: string }) => c.email).sort()).toEqual([
      'candidate1@co.demo.test',
      'candidate2@co.demo.test',
    ]);
    // Michigan's coordinator, for contrast, sees Michigan's and not Colorado's.
    const miListed = (await mi.get('/api/sittings')).body.sittings;
    expect(miListed.map((s: { name: string }) => s.name)).not.toContain(DEMO_CO_SITTING_NAME);
  });

  it("gets not-found on every read of Michigan's sitting, enrolments, exports and candidates", async () => {
    const reads = [
      `/api/sittings/${miSittingId}`,
      `/api/sittings/${miSittingId}/readiness`,
      `/api/sittings/${miSittingId}/enrolments`,
      `/api/sittings/${miSittingId}/exports/roster.csv`,
      `/api/sittings/${miSittingId}/exports/attempts.csv`,
      `/api/candidates/${caseyId}`,
    ];
    for (const url of reads) {
      const response = await co.get(url);
      expect({ url, status: response.status }).toEqual({ url, status: 404 });
      expect(response.raw.body).not.toContain('candidate@demo.test');
    }
  });

  it("gets not-found on every change to Michigan's objects, and nothing changes", async () => {
    const before = await miState();
    const writes = [
      () => co.put(`/api/sittings/${miSittingId}`, sittingInput()),
      () => co.put(`/api/sittings/${miSittingId}/proctors`, { proctorIds: [] }),
      () => co.post(`/api/sittings/${miSittingId}/transition`, { to: 'closed' }),
      () =>
        co.post(`/api/sittings/${miSittingId}/enrolments`, {
          ...enrolCasey,
          candidate: { kind: 'new', email: 'someone.new@co.demo.test', displayName: 'Someone New' },
        }),
      () =>
        co.post(`/api/sittings/${miSittingId}/enrolments/import`, {
          csv: 'Email,Name,Endorsement,Category,Track,Exam Endorsement\n',
          createAccounts: true,
          commit: true,
        }),
      () => co.delete(`/api/sittings/${miSittingId}/enrolments/${miEnrolmentId}`),
      () => co.put(`/api/candidates/${caseyId}/accommodations`, accommodations),
    ];
    for (const write of writes) expect((await write()).status).toBe(404);
    expect(await miState()).toEqual(before);
  });

  it("cannot pick Michigan's candidate or assign Michigan's proctor", async () => {
    const [coSitting] = (await co.get('/api/sittings')).body.sittings;
    const byId = await co.post(`/api/sittings/${coSitting.id}/enrolments`, {
      ...enrolCasey,
      candidate: { kind: 'existing', candidateId: caseyId },
    });
    expect(byId.status).toBe(404);

    const users = (await mi.get('/api/users')).body.users as { id: string; email: string }[];
    const priya = users.find((u) => u.email === 'proctor@demo.test')!;
    const both = users.find((u) => u.email === 'proctor.both@demo.test')!;
    const refused = await co.put(`/api/sittings/${coSitting.id}/proctors`, {
      proctorIds: [priya.id],
    });
    expect(refused.status).toBe(400);
    // The proctor who works for both associations may be assigned by either.
    const accepted = await co.put(`/api/sittings/${coSitting.id}/proctors`, {
      proctorIds: [both.id],
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.sitting.proctors.map((p: { id: string }) => p.id)).toEqual([both.id]);
  });

  it('creates sittings in their own association', async () => {
    const created = await co.post(
      '/api/sittings',
      sittingInput({ name: 'Boulder autumn sitting' }),
    );
    expect(created.status).toBe(201);
    const [row] = await t.database.db
      .select()
      .from(sittings)
      .where(eq(sittings.id, created.body.sitting.id));
    expect(row!.associationId).toBe(DEMO_CO_ASSOCIATION_ID);
    expect((await mi.get(`/api/sittings/${created.body.sitting.id}`)).status).toBe(404);
  });
});

describe('the second wall', () => {
  it("hides Michigan's sittings from Colorado's transaction even when a query asks for all", async () => {
    const coScope = associationScope(DEMO_CO_ASSOCIATION_ID);
    // A repo call given the programme's scope inside Colorado's transaction: row-level security
    // still answers with Colorado's sittings only.
    const seen = await withinScope(t.database.db, coScope, (tx) =>
      listSittings(tx, programmeScope),
    );
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((r) => r.sitting.associationId === DEMO_CO_ASSOCIATION_ID)).toBe(true);
    const all = await listSittings(t.database.db, programmeScope);
    expect(all.some((r) => r.sitting.associationId === DEFAULT_ASSOCIATION_ID)).toBe(true);
  });
});

describe("another association's proctor", () => {
  it('is refused the coordinator console', async () => {
    const proctor = apiAs(t.app, await loginAs(t.app, 'proctor@co.demo.test'));
    for (const url of [
      '/api/sittings',
      `/api/sittings/${miSittingId}`,
      '/api/candidates',
      `/api/candidates/${caseyId}`,
    ]) {
      expect((await proctor.get(url)).status).toBe(403);
    }
  });
});
