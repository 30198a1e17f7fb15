import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../src/db/schema/auth.js';
import { mailMessages } from '../src/db/schema/mail.js';
import { sittings } from '../src/db/schema/sittings.js';
import { createAppealNotifier } from '../src/modules/appeals/index.js';
import { noAccommodations } from './helpers/accommodations.js';
import { apiAs, sittingInput } from './helpers/coordinator.js';
import { releasableSitting } from './helpers/feedback-fixture.js';
import { call, userIdOf } from './helpers/grading-fixture.js';
import { createTestApp, loginAs, TEST_ORIGIN, type TestApp } from './helpers/test-app.js';

let t: TestApp;
let coordinator: string;
let sittingId: string;
beforeAll(async () => {
  t = await createTestApp();
  coordinator = await loginAs(t.app, 'coordinator@demo.test');
  ({ sittingId } = await releasableSitting(t, coordinator));
}, 120_000);
afterAll(() => t.close());

describe('results released mail', () => {
  it('is queued for each candidate in the release transaction, once, with no scores', async () => {
    const released = await call(
      t.app,
      coordinator,
      'POST',
      `/api/results/sittings/${sittingId}/release`,
    );
    expect(released.statusCode, released.body).toBe(200);
    const count = (released.json() as { results: number }).results;
    expect(count).toBeGreaterThan(0);
    const rows = await t.database.db
      .select()
      .from(mailMessages)
      .where(eq(mailMessages.kind, 'results-released'));
    expect(rows).toHaveLength(count);
    for (const row of rows) {
      expect(row.dedupeKey).toMatch(/^results-released:/);
      expect(row.textBody).toContain(`${TEST_ORIGIN}/`);
      expect(row.textBody).not.toMatch(/\d+\s*%|\bscore/i);
    }
    await t.app.mail.worker.tick();
    const sent = await t.database.db
      .select({ status: mailMessages.status })
      .from(mailMessages)
      .where(eq(mailMessages.kind, 'results-released'));
    expect(sent.every((r) => r.status === 'sent')).toBe(true);
  });
});

async function mailsTo(address: string, kind: string) {
  return t.database.db
    .select()
    .from(mailMessages)
    .where(and(eq(mailMessages.toAddress, address), eq(mailMessages.kind, kind)));
}

describe('sitting notices', () => {
  const first = 'notice.first@demo.test';
  const second = 'notice.second@demo.test';
  let api: ReturnType<typeof apiAs>;
  let noticed: string;
  let firstId: string;

  async function enrol(email: string) {
    const created = await api.post(`/api/sittings/${noticed}/enrolments`, {
      candidate: { kind: 'new', email, displayName: email.split('@')[0] },
      endorsement: 'ECMH-E',
      category: 'mental-health-mentor',
      track: 'clinical',
      examEndorsement: null,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    // A new address is invited: the answer names no enrolment (see enrolment.service).
    expect(created.body.invited).toEqual({ email });
    return userIdOf(t.database.db, email);
  }

  it('mails each enrolled candidate when the sitting is scheduled, in their own zone, with a calendar entry', async () => {
    api = apiAs(t.app, coordinator);
    const created = await api.post('/api/sittings', sittingInput({ name: 'Notice sitting' }));
    expect(created.status).toBe(201);
    noticed = created.body.sitting.id;
    firstId = await enrol(first);
    await t.database.db
      .update(users)
      .set({ timeZone: 'Europe/Paris' })
      .where(eq(users.id, firstId));
    // A draft tells nobody anything yet.
    expect(await mailsTo(first, 'sitting-scheduled')).toHaveLength(0);

    const scheduled = await api.post(`/api/sittings/${noticed}/transition`, { to: 'scheduled' });
    expect(scheduled.status).toBe(200);
    const [mail, ...more] = await mailsTo(first, 'sitting-scheduled');
    expect(more).toHaveLength(0);
    expect(mail!.dedupeKey).toMatch(/^sitting-scheduled:[^:]+:2027-03-12T14:30:00.000Z$/);
    // 14:30 UTC is 15:30 in Paris in March (before summer time).
    expect(mail!.textBody).toContain('Starts: Mar 12, 2027, 3:30 PM (Europe/Paris)');
    expect(mail!.attachments).toEqual([
      expect.objectContaining({
        filename: 'sitting.ics',
        contentType: expect.stringContaining('text/calendar'),
      }),
    ]);
  });

  it('mails a candidate enrolled into an already scheduled sitting', async () => {
    await enrol(second);
    const mails = await mailsTo(second, 'sitting-scheduled');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.attachments).toHaveLength(1);
  });

  it('mails everyone once when the start moves, and not when nothing about the time changed', async () => {
    const moved = sittingInput({ name: 'Notice sitting', startTime: '13:00' });
    expect((await api.put(`/api/sittings/${noticed}`, moved)).status).toBe(200);
    expect(
      (await api.put(`/api/sittings/${noticed}`, { ...moved, location: 'Room C' })).status,
    ).toBe(200);
    for (const address of [first, second]) {
      const mails = await mailsTo(address, 'sitting-moved');
      expect(mails).toHaveLength(1);
      expect(mails[0]!.dedupeKey).toMatch(/:2027-03-12T18:00:00.000Z$/);
      expect(mails[0]!.attachments).toEqual([expect.objectContaining({ filename: 'sitting.ics' })]);
    }
  });

  it('tells the candidate their accommodations are approved, naming their sitting', async () => {
    const saved = await api.put(`/api/candidates/${firstId}/accommodations`, {
      timeMultiplier: 1.25,
      extraMinutesPart1: 0,
      extraMinutesPart2: 0,
      breaks: true,
      largeText: false,
      highContrast: false,
      notes: null,
      validUntil: null,
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const [mail, ...more] = await mailsTo(first, 'accommodations-approved');
    expect(more).toHaveLength(0);
    expect(mail!.subject).toContain('Notice sitting');
    expect(mail!.textBody).toContain('25% extra time');
    expect(mail!.textBody).toContain('Rest breaks');
  });

  it('does not tell them of accommodations that end before their sitting starts', async () => {
    // The second candidate, who has had no such mail (one per save, keyed by the save's time).
    const secondId = await userIdOf(t.database.db, second);
    const timeAndAHalf = { ...noAccommodations, timeMultiplier: 1.5 };
    // The sitting starts on 12 March 2027: these end the day before.
    const saved = await api.put(`/api/candidates/${secondId}/accommodations`, {
      ...timeAndAHalf,
      validUntil: '2027-03-11',
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(await mailsTo(second, 'accommodations-approved')).toHaveLength(0);

    // Through the sitting's day, they apply to it: then the candidate is told.
    const through = await api.put(`/api/candidates/${secondId}/accommodations`, {
      ...timeAndAHalf,
      validUntil: '2027-03-12',
    });
    expect(through.status, JSON.stringify(through.body)).toBe(200);
    expect(await mailsTo(second, 'accommodations-approved')).toHaveLength(1);
  });

  it('tells the candidate an appeal was decided, once, without the outcome', async () => {
    const [sitting] = await t.database.db.select().from(sittings).where(eq(sittings.id, noticed));
    const notifier = createAppealNotifier({
      db: t.database.db,
      // The people lookup, as auth's users service answers it, straight from the table here.
      users: {
        mailContactsOf: async (db, ids) =>
          (await db.select().from(users).where(eq(users.id, ids[0]!))).map((u) => ({
            id: u.id,
            email: u.email,
            displayName: u.displayName,
            timeZone: u.timeZone,
          })),
      },
      outbox: t.app.mail.outbox,
      publicOrigin: TEST_ORIGIN,
    });
    const appeal = {
      id: '00000000-0000-4000-8000-000000000001',
      candidateId: firstId,
      status: 'decided' as const,
      associationId: sitting!.associationId,
    };
    await notifier.send(appeal);
    await notifier.send(appeal);
    const mails = await mailsTo(first, 'appeal-outcome');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain('Your appeal was decided');
    expect(mails[0]!.textBody).toContain(`${TEST_ORIGIN}/`);
    expect(mails[0]!.textBody).not.toMatch(/\d+\s*%|\bscore|upheld|changed/i);
  });

  it('reminds each candidate once a day ahead, however many schedulers run', async () => {
    t.clock.set(new Date('2027-03-11T20:00:00.000Z'));
    const runs = await Promise.all([
      t.app.sittingReminders.runDue(),
      t.app.sittingReminders.runDue(),
    ]);
    const again = await t.app.sittingReminders.runDue();
    expect(again).toBe(0);
    const reminders = await t.database.db
      .select()
      .from(mailMessages)
      .where(like(mailMessages.dedupeKey, 'reminder-24h:%'));
    const ours = reminders.filter((r) => r.toAddress === first || r.toAddress === second);
    expect(ours).toHaveLength(2);
    expect(runs.reduce((a, b) => a + b, 0)).toBe(reminders.length);
    expect(ours.every((r) => r.kind === 'sitting-reminder')).toBe(true);
  });

  it('does not remind a sitting more than 24 hours away', async () => {
    t.clock.set(new Date('2027-03-10T12:00:00.000Z'));
    const before = (await mailsTo(first, 'sitting-reminder')).length;
    expect(await t.app.sittingReminders.runDue()).toBe(0);
    expect(await mailsTo(first, 'sitting-reminder')).toHaveLength(before);
  });
});
