import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { associationScope, type Scope } from '../src/db/association-scope.js';
import {
  associations,
  attemptParts,
  auditLog,
  clockEvents,
  DEFAULT_ASSOCIATION_ID,
  DEFAULT_PROGRAMME_ID,
  enrolments,
  incidents,
  resumeCodes,
  sittings,
} from '../src/db/schema/index.js';
import { createAuditService } from '../src/modules/audit/index.js';
import type { AttemptContext } from '../src/modules/delivery/index.js';
import { createIncidentLedger } from '../src/modules/proctoring/incident-ledger.js';
import { createResumeCodes } from '../src/modules/proctoring/resume-codes.js';
import { userIdOf } from './helpers/grading-fixture.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/**
 * Issue 20: a proctor's writes (clock actions, incidents, resume codes) run behind row-level
 * security as the proctor's association, so even with the service's own scope check bypassed,
 * B's proctor cannot pause, extend, end, note or issue anything on A's attempt: PostgreSQL
 * itself refuses, and nothing changes.
 */
let t: TestApp;
let context: AttemptContext;
let scopeB: Scope;
const scopeA = associationScope(DEFAULT_ASSOCIATION_ID);

beforeAll(async () => {
  t = await createTestApp();
  const { db } = t.database;
  const candidateId = await userIdOf(db, 'candidate@demo.test');
  await db
    .update(enrolments)
    .set({ admittedAt: new Date() })
    .where(eq(enrolments.candidateId, candidateId));
  const { delivery } = t.app.exam;
  context = await delivery.openForCandidate(candidateId);
  await delivery.startPart(context, 1, candidateId);
  const [b] = await db
    .insert(associations)
    .values({
      programmeId: DEFAULT_PROGRAMME_ID,
      name: 'Other association',
      shortName: 'OTHER',
      contactEmail: 'office@other.test',
    })
    .returning({ id: associations.id });
  scopeB = associationScope(b!.id);
});
afterAll(() => t.close());

async function partOne() {
  const [row] = await t.database.db
    .select()
    .from(attemptParts)
    .where(and(eq(attemptParts.attemptId, context.attemptId), eq(attemptParts.part, 1)));
  return row!;
}

const countOf = async (table: typeof clockEvents | typeof incidents | typeof resumeCodes) =>
  (await t.database.db.select().from(table)).length;

/** drizzle wraps the driver's error; PostgreSQL's own words are in its cause. */
function refusedByPolicy(error: unknown): boolean {
  const cause = (error as { cause?: { message?: string } }).cause;
  return /row-level security/.test(cause?.message ?? String(error));
}

describe("B's proctor against A's attempt, past the service's check", () => {
  it('cannot pause, extend or end the clock', async () => {
    const before = { part: await partOne(), events: await countOf(clockEvents) };
    const { delivery } = t.app.exam;
    for (const type of ['pause', 'extend'] as const) {
      await expect(
        delivery.recordClockEvent(context, 1, {
          type,
          ms: 600_000,
          reason: 'from another association',
          actorId: null,
          scope: scopeB,
        }),
      ).rejects.toMatchObject({ code: 'PART_CLOSED' });
    }
    const ended = await delivery.closePart(
      context.attemptId,
      1,
      'ended',
      'from another association',
      null,
      undefined,
      { scope: scopeB },
    );
    expect(ended).toBe(false);
    expect(await partOne()).toEqual(before.part);
    expect(await countOf(clockEvents)).toBe(before.events);
  });

  it('cannot record an incident in or issue a resume code for A', async () => {
    const { db } = t.database;
    const audit = createAuditService({ clock: t.clock });
    const ledger = createIncidentLedger({
      db,
      clock: t.clock,
      audit,
      ledger: t.app.exam.delivery.ledger,
      feed: { publishIncident: () => {} },
    });
    const [sitting] = await db.select({ id: sittings.id }).from(sittings).limit(1);
    const entries = (await db.select().from(auditLog)).length;
    const proctorId = await userIdOf(db, 'proctor@demo.test');
    const incident = { enrolmentId: null, category: 'other' as const, note: 'planted' };
    await expect(ledger.record(proctorId, sitting!.id, incident, scopeB)).rejects.toSatisfy(
      refusedByPolicy,
    );
    const codes = createResumeCodes({ db, clock: t.clock, audit, delivery: t.app.exam.delivery });
    await expect(codes.issue(context.attemptId, proctorId, scopeB)).rejects.toSatisfy(
      refusedByPolicy,
    );
    expect(await countOf(incidents)).toBe(0);
    expect(await countOf(resumeCodes)).toBe(0);
    expect((await db.select().from(auditLog)).length).toBe(entries);
  });

  it("lets A's own scope do each of them, behind the same wall", async () => {
    const { delivery } = t.app.exam;
    const clock = await delivery.recordClockEvent(context, 1, {
      type: 'pause',
      reason: 'a break',
      actorId: null,
      scope: scopeA,
    });
    expect(clock.status).toBe('paused');
    expect((await partOne()).paused).toBe(true);
  });
});
