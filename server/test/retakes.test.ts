import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attempts,
  auditLog,
  enrolments,
  examResults,
  sittings,
  users,
} from '../src/db/schema/index.js';
import { DEMO_LOBBY_CANDIDATE } from '../src/seed/demo-sitting.js';
import { associationB, type AssociationB } from './helpers/association-b.js';
import { apiAs, sittingInput } from './helpers/coordinator.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

const DAY = 24 * 3600_000;
let t: TestApp;
let b: AssociationB;
let coordinator: ReturnType<typeof apiAs>;
let candidate: ReturnType<typeof apiAs>;
let candidateId: string;
let firstStart: Date;
let firstSets: string[];
let forms: Record<string, string>;

const day = (d: Date) => d.toISOString().slice(0, 10);

/** A sitting of the demo association starting `days` after the first one, at 14:00 UTC. */
async function sittingIn(days: number, name: string, vignetteSetIds: string[]) {
  const date = day(new Date(firstStart.getTime() + days * DAY));
  const created = await coordinator.post(
    '/api/sittings',
    sittingInput({
      name,
      date,
      startTime: '14:00',
      timeZone: 'UTC',
      forms: { 'IMH-E': forms['IMH-E'] ?? null, 'ECMH-E': forms['ECMH-E'] ?? null },
      vignetteSetIds,
    }),
  );
  expect(created.status).toBe(201);
  return created.body.sitting.id as string;
}

beforeAll(async () => {
  t = await createTestApp();
  b = await associationB(t.app, t.database.db);
  coordinator = apiAs(t.app, await loginAs(t.app, 'coordinator@demo.test'));
  const [first] = await t.database.db.select().from(sittings).where(eq(sittings.status, 'open'));
  firstStart = first!.startsAt!;
  firstSets = first!.vignetteSets;
  forms = first!.forms;
  // The demo's first sitting: this candidate passed Part One and failed Part Two there.
  const [person] = await t.database.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, DEMO_LOBBY_CANDIDATE));
  candidateId = person!.id;
  const [enrolment] = await t.database.db
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.sittingId, first!.id), eq(enrolments.candidateId, candidateId)));
  const [attempt] = await t.database.db
    .insert(attempts)
    .values({
      enrolmentId: enrolment!.id,
      candidateId,
      formId: forms[enrolment!.examEndorsement]!,
      optionSeed: 7,
      vignetteSetId: firstSets[0] ?? null,
      createdAt: firstStart,
    })
    .returning();
  await t.database.db.insert(examResults).values({
    attemptId: attempt!.id,
    sittingId: first!.id,
    candidateId,
    passed: false,
    result: {
      status: 'released',
      sittingName: first!.name,
      releasedAt: firstStart.toISOString(),
      passed: false,
      partOne: { correct: 50, total: 60, cutScore: 48, passed: true, domains: [] },
      partTwo: {
        passed: false,
        required: 2,
        missing: 0,
        passingRule: { minLevelPerCriterion: 2, minTotalPerResponse: 8 },
        responses: [],
      },
    },
    releasedAt: firstStart,
  });
  candidate = apiAs(t.app, await loginAs(t.app, DEMO_LOBBY_CANDIDATE));
});
afterAll(() => t.close());

describe('a retake of Part Two alone', () => {
  let requestId: string;
  let retakeSittingId: string;

  it('shows the candidate the earliest retake date: the waiting period after the failed sitting', async () => {
    const { body } = await candidate.get('/api/retakes/mine');
    const partTwo = body.parts.find((p: { part: number }) => p.part === 2);
    expect(partTwo.passReleased).toBe(false);
    expect(Date.parse(partTwo.earliestRetakeDate)).toBe(firstStart.getTime() + 365 * DAY);
    expect(body.parts.find((p: { part: number }) => p.part === 1).earliestRetakeDate).toBeNull();
    // The dates page shows the same date, from the retakes module (wired in app.ts).
    const dates = (await candidate.get('/api/bookings/mine/dates')).body;
    expect(dates.earliestRetakeDate).toBe(new Date(firstStart.getTime() + 365 * DAY).toISOString());
  });

  it('refuses a sitting inside the waiting period, naming the rule', async () => {
    const early = await sittingIn(100, 'Too soon', firstSets);
    const refused = await candidate.post('/api/retakes', { sittingId: early, part: 2 });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('RETAKE_NOT_ELIGIBLE');
    expect(refused.body.error.details.problems.map((p: { rule: string }) => p.rule)).toEqual([
      'waiting-period',
    ]);
    const partOne = await candidate.post('/api/retakes', { sittingId: early, part: 1 });
    expect(partOne.status).toBe(409);
  });

  it('takes a request in time and warns the coordinator of the vignette set already seen', async () => {
    retakeSittingId = await sittingIn(400, 'Retake sitting', firstSets);
    const made = await candidate.post('/api/retakes', { sittingId: retakeSittingId, part: 2 });
    expect(made.status).toBe(201);
    requestId = made.body.request.id;
    const again = await candidate.post('/api/retakes', { sittingId: retakeSittingId, part: 2 });
    expect(again.status).toBe(409);
    const { body } = await coordinator.get('/api/retakes');
    const listed = body.requests.find((r: { id: string }) => r.id === requestId);
    expect(listed.status).toBe('requested');
    if (firstSets[0]) expect(listed.eligibility.seen.vignetteSetIds).toContain(firstSets[0]);
  });

  it("keeps it from another association's coordinator", async () => {
    const other = apiAs(t.app, b.coordinator);
    expect((await other.get('/api/retakes')).body.requests).toEqual([]);
    expect((await other.post(`/api/retakes/${requestId}/approve`, {})).status).toBe(404);
  });

  it('approves into an enrolment for Part Two only, audited with the warning', async () => {
    const approved = await coordinator.post(`/api/retakes/${requestId}/approve`, {});
    expect(approved.status).toBe(200);
    expect(approved.body.request.status).toBe('approved');
    const [enrolment] = await t.database.db
      .select()
      .from(enrolments)
      .where(eq(enrolments.id, approved.body.request.enrolmentId));
    expect(enrolment!.sittingId).toBe(retakeSittingId);
    expect(enrolment!.parts).toEqual([2]);
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.subjectId, requestId));
    expect(audit.map((a) => a.action)).toEqual(['retake.request', 'retake.approve']);
    expect(await t.app.retakes.earliestRetakeDate(candidateId, 2)).toEqual(
      new Date(firstStart.getTime() + 365 * DAY),
    );
  });

  it('delivers Part Two only: Part One is closed unsat from the start', async () => {
    const [first] = await t.database.db.select().from(sittings).where(eq(sittings.status, 'open'));
    expect(
      (await coordinator.post(`/api/sittings/${first!.id}/transition`, { to: 'closed' })).status,
    ).toBe(200);
    for (const to of ['scheduled', 'open']) {
      const moved = await coordinator.post(`/api/sittings/${retakeSittingId}/transition`, { to });
      expect(moved.status).toBe(200);
    }
    const context = await t.app.exam.delivery.openForCandidate(candidateId);
    expect(context.parts.get(1)!.row.closedStatus).toBe('ended');
    expect(context.parts.get(1)!.row.closedReason).toMatch(/retakes Part Two only/);
    expect(context.parts.get(2)!.row.closedAt).toBeNull();
    expect(t.app.exam.delivery.clockOf(context, 2).status).toBe('not-started');
  });

  it('refuses a request after its deadline', async () => {
    const late = await sittingIn(420, 'Late sitting', []);
    t.clock.set(firstStart.getTime() + (420 - 55) * DAY);
    const fresh = apiAs(t.app, await loginAs(t.app, DEMO_LOBBY_CANDIDATE));
    const refused = await fresh.post('/api/retakes', { sittingId: late, part: 2 });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.problems.map((p: { rule: string }) => p.rule)).toEqual([
      'deadline',
    ]);
  });
});

describe('a retake request approved and declined at once', () => {
  it('leaves no enrolment behind when the decline wins', async () => {
    // The clock moved a year on above: fresh sessions.
    coordinator = apiAs(t.app, await loginAs(t.app, 'coordinator@demo.test'));
    candidate = apiAs(t.app, await loginAs(t.app, DEMO_LOBBY_CANDIDATE));
    const racedSittingId = await sittingIn(430, 'Raced sitting', firstSets);
    const made = await candidate.post('/api/retakes', { sittingId: racedSittingId, part: 2 });
    expect(made.status).toBe(201);
    const requestId = made.body.request.id as string;
    // The decline commits while the approval is on its way: the request's row is held and
    // declined here, and released once the approval has had time to reach it (on PostgreSQL;
    // PGlite's one connection runs the two one after the other, which refuses at once).
    const { approval } = await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT 1 FROM retake_requests WHERE id = ${requestId} FOR UPDATE`);
      await tx.execute(
        sql`UPDATE retake_requests SET status = 'declined', decline_reason = 'Raced' WHERE id = ${requestId}`,
      );
      const approval = coordinator.post(`/api/retakes/${requestId}/approve`, {});
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { approval };
    });
    const refused = await approval;
    expect(refused.status).toBe(409);
    const enrolled = await t.database.db
      .select()
      .from(enrolments)
      .where(
        and(eq(enrolments.sittingId, racedSittingId), eq(enrolments.candidateId, candidateId)),
      );
    expect(enrolled).toEqual([]);
  });
});
