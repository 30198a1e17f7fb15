import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  attemptParts,
  attempts,
  auditLog,
  clockEvents,
  enrolments,
  sittings,
  users,
} from '../src/db/schema/index.js';
import { createAuditService } from '../src/modules/audit/index.js';
import { buildFormPayload } from '../src/modules/delivery/form-payload.js';
import { createSeatReader } from '../src/modules/sittings/seats.js';
import { ExamSocket, fixedForm, seedOpenSitting } from './helpers/exam-fixture.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

/**
 * Issue 23's start spike: starts batched through a group commit with one take of the audit lock
 * per batch, hello reusing the seat it read (the form payload itself: unit/form-payload.test.ts).
 * Behaviour is as before: the same refusals, the same ledger and audit entries, option orders.
 */

const formA = fixedForm();
const formB = fixedForm();
const forms = {
  formItems: async (id: string) => {
    if (id === formA.formId) return formA.items;
    if (id === formB.formId) return formB.items;
    throw new Error(`unknown form ${id}`);
  },
};
const candidates = [
  'candidate@demo.test',
  'mentor.policy@demo.test',
  'mentor.research@demo.test',
  'mentor.clinical@demo.test',
];
let t: TestApp;
let sittingId: string;
const cookies = new Map<string, string>();
const open: ExamSocket[] = [];

async function connect(email: string) {
  const socket = await ExamSocket.connect(t.app, cookies.get(email));
  open.push(socket);
  return socket;
}

async function userIdOf(email: string): Promise<string> {
  const [row] = await t.database.db.select().from(users).where(eq(users.email, email));
  if (!row) throw new Error(`no ${email}`);
  return row.id;
}

beforeAll(async () => {
  t = await createTestApp({ forms, listen: true });
  ({ sittingId } = await seedOpenSitting(t.database.db, {
    formId: formA.formId,
    emails: candidates,
  }));
  for (const email of candidates) cookies.set(email, await loginAs(t.app, email));
});
afterEach(() => {
  for (const socket of open.splice(0)) socket.close();
});
afterAll(() => t.close());

describe('starting', () => {
  it('keeps a candidate’s option order across reconnects', async () => {
    const first = await connect('candidate@demo.test');
    const before = await first.hello();
    first.close();
    const second = await connect('candidate@demo.test');
    const after = await second.hello();
    expect(after.attempt.attemptId).toBe(before.attempt.attemptId);
    expect(after.attempt.questions).toEqual(before.attempt.questions);
    // The welcome's questions are the candidate's options in their seeded order.
    const [attempt] = await t.database.db
      .select()
      .from(attempts)
      .where(eq(attempts.id, before.attempt.attemptId));
    expect(after.attempt.questions).toEqual(
      buildFormPayload(formA.items).questions(attempt?.optionSeed ?? -1),
    );
  });

  it('serves a form switched in the sitting to attempts begun after it, and keeps the earlier ones', async () => {
    const casey = await connect('candidate@demo.test');
    const caseyBefore = await casey.hello();
    casey.close();
    // ECMH-E (Morgan's endorsement) moves to form B before Morgan's first connection.
    await t.database.db
      .update(sittings)
      .set({ forms: { 'IMH-E': formA.formId, 'ECMH-E': formB.formId } })
      .where(eq(sittings.id, sittingId));
    const morgan = await (await connect('mentor.policy@demo.test')).hello();
    const stemsB = new Set(formB.items.map((item) => item.stem));
    expect(morgan.attempt.questions.map((q) => q.stem).every((stem) => stemsB.has(stem))).toBe(
      true,
    );
    const [attempt] = await t.database.db
      .select()
      .from(attempts)
      .where(eq(attempts.id, morgan.attempt.attemptId));
    expect(attempt?.formId).toBe(formB.formId);
    expect(morgan.attempt.questions).toEqual(
      buildFormPayload(formB.items).questions(attempt?.optionSeed ?? -1),
    );
    const caseyAgain = await (await connect('candidate@demo.test')).hello();
    expect(caseyAgain.attempt.questions).toEqual(caseyBefore.attempt.questions);
  });

  it('starts candidates who start together in one batch, each with its ledger and audit entry', async () => {
    const delivery = t.app.exam.delivery;
    const contexts = await Promise.all(
      candidates.map(async (email) => delivery.openForCandidate(await userIdOf(email))),
    );
    const auditBefore = await t.database.db.select().from(auditLog);
    const clocks = await Promise.all(
      contexts.map((context) => delivery.startPart(context, 1, context.candidateId)),
    );
    expect(clocks.map((clock) => clock.status)).toEqual(candidates.map(() => 'running'));
    const ids = contexts.map((context) => context.attemptId);
    const starts = await t.database.db
      .select()
      .from(clockEvents)
      .where(and(inArray(clockEvents.attemptId, ids), eq(clockEvents.type, 'start')));
    expect(starts.map((row) => row.attemptId).sort()).toEqual([...ids].sort());
    const parts = await t.database.db
      .select()
      .from(attemptParts)
      .where(and(inArray(attemptParts.attemptId, ids), eq(attemptParts.part, 1)));
    for (const part of parts) {
      expect(part.startedAt).not.toBeNull();
      expect(part.deadlineAt?.getTime()).toBe(
        clocks[ids.indexOf(part.attemptId)]?.deadline ?? undefined,
      );
    }
    // The context holds the row after the commit: a save decided on it is not stale.
    for (const context of contexts) {
      const row = parts.find((p) => p.attemptId === context.attemptId);
      expect(context.parts.get(1)?.row.version).toBe(row?.version);
    }
    const added = (await t.database.db.select().from(auditLog).orderBy(asc(auditLog.id))).slice(
      auditBefore.length,
    );
    expect(
      added
        .filter((row) => row.action === 'clock.start')
        .map((row) => row.subjectId)
        .sort(),
    ).toEqual([...ids].sort());
    const chain = await createAuditService({ clock: t.clock }).verify(t.database.db);
    expect(chain.ok).toBe(true);
    // A second start is answered with the running clock and writes nothing.
    const again = await delivery.startPart(contexts[0]!, 1, contexts[0]!.candidateId);
    expect(again.status).toBe('running');
    const startsAfter = await t.database.db
      .select()
      .from(clockEvents)
      .where(and(inArray(clockEvents.attemptId, ids), eq(clockEvents.type, 'start')));
    expect(startsAfter).toHaveLength(starts.length);
  });
});

describe('refusing starts exactly as before', () => {
  /** A fresh, not-started attempt for the candidate: their old one is removed. */
  async function freshAttempt(email: string) {
    await t.database.db.delete(attempts).where(eq(attempts.candidateId, await userIdOf(email)));
  }

  async function startEntries(attemptId: string) {
    return t.database.db
      .select()
      .from(clockEvents)
      .where(and(eq(clockEvents.attemptId, attemptId), eq(clockEvents.type, 'start')));
  }

  it('refuses a candidate not admitted, and writes nothing', async () => {
    await freshAttempt('mentor.research@demo.test');
    await t.database.db
      .update(enrolments)
      .set({ admittedAt: null })
      .where(eq(enrolments.candidateId, await userIdOf('mentor.research@demo.test')));
    const socket = await connect('mentor.research@demo.test');
    const welcome = await socket.hello();
    expect(welcome.attempt.admitted).toBe(false);
    socket.send({ type: 'part.start', part: 1 });
    expect((await socket.next('error')).code).toBe('NOT_ADMITTED');
    expect(await startEntries(welcome.attempt.attemptId)).toHaveLength(0);
  });

  it('refuses a part another instance closed behind this one’s cached copy', async () => {
    await freshAttempt('mentor.clinical@demo.test');
    const socket = await connect('mentor.clinical@demo.test');
    const welcome = await socket.hello();
    expect(welcome.attempt.parts[0]?.status).toBe('not-started');
    await t.database.db
      .update(attemptParts)
      .set({ closedAt: new Date(), closedStatus: 'ended', closedReason: 'elsewhere' })
      .where(and(eq(attemptParts.attemptId, welcome.attempt.attemptId), eq(attemptParts.part, 1)));
    socket.send({ type: 'part.start', part: 1 });
    expect((await socket.next('error')).code).toBe('PART_CLOSED');
    expect(await startEntries(welcome.attempt.attemptId)).toHaveLength(0);
  });

  it('answers a paused part with its paused clock and starts nothing', async () => {
    const delivery = t.app.exam.delivery;
    const context = await delivery.openForCandidate(await userIdOf('candidate@demo.test'));
    await delivery.recordClockEvent(context, 1, {
      type: 'pause',
      reason: 'fire alarm',
      actorId: null,
    });
    const before = await startEntries(context.attemptId);
    const socket = await connect('candidate@demo.test');
    await socket.hello();
    socket.send({ type: 'part.start', part: 1 });
    const update = await socket.next('clock.update', (m) => m.reason === 'started');
    expect(update.clock.status).toBe('paused');
    expect(await startEntries(context.attemptId)).toHaveLength(before.length);
  });

  it('refuses hello when the sitting is no longer open', async () => {
    await t.database.db
      .update(sittings)
      .set({ status: 'closed' })
      .where(eq(sittings.id, sittingId));
    const socket = await connect('mentor.policy@demo.test');
    void socket.hello().catch(() => undefined);
    expect((await socket.next('error')).code).toBe('NO_OPEN_SITTING');
  });
});

describe('the seat read at the exam socket’s upgrade', () => {
  it('serves that upgrade’s hello once, within its window, and no other request', async () => {
    const reader = createSeatReader({
      db: t.database.db,
      clock: t.clock,
      forms: { formCut: async () => undefined },
    });
    const candidateId = await userIdOf('candidate@demo.test');
    const [sitting] = await t.database.db.select().from(sittings).where(eq(sittings.id, sittingId));
    const rename = (name: string) =>
      t.database.db.update(sittings).set({ name }).where(eq(sittings.id, sittingId));
    // The test before this one closed the sitting.
    await t.database.db.update(sittings).set({ status: 'open' }).where(eq(sittings.id, sittingId));
    try {
      await reader.openSittingPoliciesFor(candidateId, 'upgrade-1');
      await reader.openSittingPoliciesFor(candidateId, 'upgrade-2');
      await rename('Renamed after the upgrade');
      const nameFor = async (keptAs?: string) =>
        (await reader.openSeatFor(candidateId, keptAs))?.sittingName;
      expect(await nameFor('another-request')).toBe('Renamed after the upgrade');
      expect(await nameFor()).toBe('Renamed after the upgrade');
      expect(await nameFor('upgrade-1')).toBe(sitting?.name);
      // Taken once: the same hello's next ask reads again.
      expect(await nameFor('upgrade-1')).toBe('Renamed after the upgrade');
      t.clock.advance(2_000);
      expect(await nameFor('upgrade-2')).toBe('Renamed after the upgrade');
    } finally {
      await t.database.db
        .update(sittings)
        .set({ name: sitting?.name ?? 'Sitting', status: sitting?.status ?? 'closed' })
        .where(eq(sittings.id, sittingId));
    }
  });
});
