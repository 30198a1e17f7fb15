import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LateChangeView } from '@exam/shared/api';
import { answers, auditLog, lateChanges } from '../src/db/schema/index.js';
import { optionOrder } from '../src/modules/delivery/index.js';
import { MAX_LATE_CHANGES_PER_ATTEMPT } from '../src/modules/delivery/late-changes.service.js';
import { form, useLateChangesApp } from './helpers/late-changes-fixture.js';
import { post, unassignedProctor } from './helpers/proctor-fixture.js';
import type { TestApp } from './helpers/test-app.js';

/**
 * Issue 24 item 1: a change that reaches the server after the deadline and grace is held (never
 * dropped, never acknowledged), and a proctor or coordinator decides it with the evidence. Late
 * answers of Part One here; late drafts of Part Two in late-changes-drafts.test.ts.
 */
const app = useLateChangesApp();
const { cookieOf, socketOf, userIdOf, contextOf, serverWasUpUntilNow, lateRows } = app;
const { partOneResult, listAs } = app;
let t: TestApp;
beforeAll(() => {
  ({ t } = app);
});

/** The display index of the right (or a wrong) option of a question, for this attempt. */
function choiceFor(optionSeed: number, position: number, right: boolean) {
  const key = optionOrder(optionSeed, position).indexOf(form.items[position - 1]!.keyIndex);
  return right ? key : (key + 1) % 4;
}

/**
 * How a late answer reads to the proctor and coordinator: the option's letter in the bank (here
 * the item's key, or the option after it) and, where the shuffle moved it, the letter shown.
 */
function summaryOf(optionSeed: number, position: number, right: boolean) {
  const letter = (index: number) => 'ABCD'[index]!;
  const shown = choiceFor(optionSeed, position, right);
  // The right answer is the item's key as the bank holds it, wherever the candidate saw it.
  const authored = right
    ? form.items[position - 1]!.keyIndex
    : optionOrder(optionSeed, position)[shown]!;
  const moved = authored === shown ? '' : ` (shown to the candidate as ${letter(shown)})`;
  return `Question ${position}: option ${letter(authored)}${moved}`;
}

describe('held late answers', () => {
  let held: LateChangeView[] = [];

  it('holds an answer that arrives after the deadline and grace, answers LATE_HELD, and keeps it once', async () => {
    const socket = await socketOf('candidate@demo.test');
    const welcome = await socket.hello();
    socket.send({ type: 'part.start', part: 1 });
    const { clock } = await socket.next('clock.update');
    const context = await contextOf('candidate@demo.test');
    const seed = context.optionSeed;
    socket.send({
      type: 'answer.save',
      seq: 1,
      position: 1,
      choice: choiceFor(seed, 1, true),
      flagged: false,
    });
    await socket.next('answer.ack', (m) => m.seq === 1);
    const lastStoredAt = t.clock.now().getTime();
    expect(welcome.attempt.lateChanges).toEqual([]);

    // The candidate went offline a minute before the deadline; their changes arrive after it.
    const deadline = clock.deadline!;
    t.clock.set(deadline + t.config.SAVE_GRACE_MS + 30_000);
    const claim = deadline - 40_000;
    const late = (seq: number, position: number, right: boolean) => ({
      type: 'answer.save',
      seq,
      position,
      choice: choiceFor(seed, position, right),
      flagged: false,
      madeAt: claim + seq,
    });
    // Before the sweeper has closed the part, and after it: held either way.
    socket.send(late(2, 2, true));
    const first = await socket.next('answer.held', (m) => m.seq === 2);
    expect(first.code).toBe('LATE_HELD');
    expect(first.message).toMatch(/proctor will decide/);
    await serverWasUpUntilNow();
    await t.app.exam.sweeper.tick();
    await socket.next('part.closed');
    socket.send(late(3, 3, false));
    socket.send(late(4, 4, true));
    await socket.next('answer.held', (m) => m.seq === 3);
    await socket.next('answer.held', (m) => m.seq === 4);

    // Replays: the held change again is held again (one row, one audit entry); a save stored in
    // time whose ack was lost is acknowledged; a reused seq with other content is refused.
    socket.send(late(2, 2, true));
    await socket.next('answer.held', (m) => m.seq === 2);
    socket.send({
      type: 'answer.save',
      seq: 1,
      position: 1,
      choice: choiceFor(seed, 1, true),
      flagged: false,
    });
    await socket.next('answer.ack', (m) => m.seq === 1);
    socket.send({ ...late(2, 2, true), choice: choiceFor(seed, 2, false) });
    expect((await socket.next('answer.rejected', (m) => m.seq === 2)).code).toBe('SEQ_REUSED');

    const rows = await lateRows(context.attemptId);
    expect(rows.map((r) => [r.kind, r.position, r.seq, r.status])).toEqual([
      ['answer', 2, 2, 'held'],
      ['answer', 3, 3, 'held'],
      ['answer', 4, 4, 'held'],
    ]);
    expect(rows[0]).toMatchObject({
      part: 1,
      payload: { choice: choiceFor(seed, 2, true), flagged: false },
      arrivedAt: new Date(deadline + t.config.SAVE_GRACE_MS + 30_000),
      clientClaimedAt: new Date(claim + 2),
    });
    expect(rows[0]!.lastContactAt!.getTime()).toBe(lastStoredAt);
    const heldAudits = await t.database.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.action, 'late_change.held'), eq(auditLog.subjectId, context.attemptId)),
      );
    expect(heldAudits).toHaveLength(3);
    // Nothing held counts yet.
    const stored = await t.database.db
      .select()
      .from(answers)
      .where(eq(answers.attemptId, context.attemptId));
    expect(stored.map((a) => a.position)).toEqual([1]);
    expect((await partOneResult(context.attemptId))?.correct).toBe(1);

    const again = await socketOf('candidate@demo.test');
    const reconnected = await again.hello();
    expect(reconnected.attempt.lateChanges.map((c) => [c.position, c.status])).toEqual([
      [2, 'held'],
      [3, 'held'],
      [4, 'held'],
    ]);
  });

  it('lists held changes with their evidence to the assigned proctor, and to no one else', async () => {
    const proctor = await cookieOf('proctor@demo.test');
    const listed = await listAs(proctor);
    expect(listed.statusCode, listed.body).toBe(200);
    held = listed.json().lateChanges;
    expect(held).toHaveLength(3);
    expect(held[0]).toMatchObject({
      candidateName: 'Casey Candidate',
      part: 1,
      kind: 'answer',
      position: 2,
      status: 'held',
    });
    // Options are shuffled per candidate: each names the bank's option, not only the place shown.
    const { optionSeed, attemptId } = await contextOf('candidate@demo.test');
    const summaries = [
      summaryOf(optionSeed, 2, true),
      summaryOf(optionSeed, 3, false),
      summaryOf(optionSeed, 4, true),
    ];
    expect(held.map((c) => c.summary)).toEqual(summaries);
    // The held entries of the audit log say the same (in the order the saves' batches committed,
    // which on PostgreSQL need not be the order they were sent in).
    const heldAudits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'late_change.held'), eq(auditLog.subjectId, attemptId)));
    expect(heldAudits.map((a) => a.details.summary).sort()).toEqual([...summaries].sort());
    expect(held[0]!.clientClaimedAt).toBeLessThan(held[0]!.deadline!);
    expect(held[0]!.arrivedAt).toBeGreaterThan(held[0]!.deadline!);
    expect(held[0]!.lastContactAt).toBeLessThan(held[0]!.deadline!);

    const elsewhere = await unassignedProctor(t.app);
    expect((await listAs(elsewhere)).statusCode).toBe(403);
    const decision = `/api/proctoring/late-changes/${held[0]!.id}/decision`;
    const body = { decision: 'accept', reason: 'Network log shows the drop' };
    expect((await post(t.app, elsewhere, decision, body)).statusCode).toBe(403);
    const candidate = await cookieOf('candidate@demo.test');
    expect((await post(t.app, candidate, decision, body)).statusCode).toBe(403);
    expect((await listAs(candidate)).statusCode).toBe(403);
    const noReason = await post(t.app, proctor, decision, { decision: 'decline', reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    const rows = await t.database.db.select().from(lateChanges);
    expect(rows.every((r) => r.status === 'held')).toBe(true);
  });

  it('accepting applies the change and scores Part One again; declining keeps it out; each once, audited', async () => {
    const proctor = await cookieOf('proctor@demo.test');
    const context = await contextOf('candidate@demo.test');
    const watcher = await socketOf('candidate@demo.test');
    await watcher.hello();
    const [right, wrong, alsoRight] = held;
    const accepted = await post(
      t.app,
      proctor,
      `/api/proctoring/late-changes/${right!.id}/decision`,
      {
        decision: 'accept',
        reason: 'Wifi log confirms the drop at 88 minutes',
      },
    );
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().lateChange).toMatchObject({
      status: 'accepted',
      decidedBy: 'Priya Proctor',
    });
    const declined = await post(
      t.app,
      proctor,
      `/api/proctoring/late-changes/${wrong!.id}/decision`,
      {
        decision: 'decline',
        reason: 'Claim is after the last contact by minutes',
      },
    );
    expect(declined.statusCode, declined.body).toBe(200);

    const stored = await t.database.db
      .select()
      .from(answers)
      .where(eq(answers.attemptId, context.attemptId));
    expect(stored.map((a) => a.position).sort()).toEqual([1, 2]);
    // Exactly one more correct answer: the accepted one.
    expect((await partOneResult(context.attemptId))?.correct).toBe(2);

    const twice = await post(t.app, proctor, `/api/proctoring/late-changes/${right!.id}/decision`, {
      decision: 'decline',
      reason: 'Changed my mind',
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('ALREADY_DECIDED');

    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.subjectId, context.attemptId));
    const decisions = audits.filter(
      (a) => a.action.startsWith('late_change.') && a.action !== 'late_change.held',
    );
    expect(
      decisions.map((a) => [a.action, a.actorId, a.details.reason, a.details.summary]),
    ).toEqual([
      [
        'late_change.accepted',
        await userIdOf('proctor@demo.test'),
        'Wifi log confirms the drop at 88 minutes',
        summaryOf(context.optionSeed, 2, true),
      ],
      [
        'late_change.declined',
        await userIdOf('proctor@demo.test'),
        'Claim is after the last contact by minutes',
        summaryOf(context.optionSeed, 3, false),
      ],
    ]);
    expect(accepted.json().lateChange.summary).toBe(right!.summary);
    // The candidate's screen hears the decisions.
    const refreshed = await watcher.next('welcome', (m) =>
      m.attempt.lateChanges.some((c) => c.status === 'declined'),
    );
    expect(refreshed.attempt.lateChanges.map((c) => [c.position, c.status])).toEqual([
      [2, 'accepted'],
      [3, 'declined'],
      [4, 'held'],
    ]);
    expect(alsoRight!.status).toBe('held');
  });
});

describe('a flood of late changes', () => {
  it('refuses new ones past the cap with a clear code, still answers replays as held, and stores nothing more', async () => {
    const context = await contextOf('candidate@demo.test');
    const before = await lateRows(context.attemptId);
    const at = t.clock.now();
    await t.database.db.insert(lateChanges).values(
      Array.from({ length: MAX_LATE_CHANGES_PER_ATTEMPT - before.length }, (_, i) => ({
        attemptId: context.attemptId,
        part: 1,
        kind: 'answer',
        position: 7,
        seq: 10_000 + i,
        payload: { choice: 1, flagged: false },
        arrivedAt: at,
      })),
    );
    const socket = await socketOf('candidate@demo.test');
    await socket.hello();
    socket.send({ type: 'answer.save', seq: 99_999, position: 8, choice: 1, flagged: false });
    const refused = await socket.next('answer.rejected', (m) => m.seq === 99_999);
    expect(refused).toMatchObject({ code: 'TOO_MANY_LATE_CHANGES' });
    expect(refused.message).toMatch(/tell the proctor/);
    socket.send({ type: 'answer.save', seq: 10_000, position: 7, choice: 1, flagged: false });
    await socket.next('answer.held', (m) => m.seq === 10_000);
    expect(await lateRows(context.attemptId)).toHaveLength(MAX_LATE_CHANGES_PER_ATTEMPT);
  });
});
