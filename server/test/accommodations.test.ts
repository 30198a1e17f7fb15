import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../src/db/schema/index.js';
import { noAccommodations as none } from './helpers/accommodations.js';
import { apiAs } from './helpers/coordinator.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

const MIN = 60_000;
let t: TestApp;
let api: ReturnType<typeof apiAs>;
let candidates: Map<string, { id: string }>;

function day(offsetDays: number): string {
  const at = new Date(t.clock.now().getTime() + offsetDays * 24 * 60 * MIN);
  return at.toISOString().slice(0, 10);
}

beforeAll(async () => {
  // The demo sitting is open with every demo candidate enrolled and admitted.
  t = await createTestApp();
  api = apiAs(t.app, await loginAs(t.app, 'coordinator@demo.test'));
  const listed = (await api.get('/api/candidates')).body.candidates as {
    id: string;
    email: string;
  }[];
  candidates = new Map(listed.map((c) => [c.email, c]));
});
afterAll(() => t.close());

describe('accommodations on the candidate profile', () => {
  it('records who approved them and until when, and audits the change', async () => {
    const casey = candidates.get('candidate@demo.test')!;
    const saved = await api.put(`/api/candidates/${casey.id}/accommodations`, {
      ...none,
      timeMultiplier: 1.5,
      extraMinutesPart1: 10,
      extraMinutesPart2: 5,
      breaks: true,
      largeText: true,
      notes: 'Letter from the accessibility office, 3 March.',
      validUntil: day(30),
    });
    expect(saved.status).toBe(200);
    expect(saved.body.candidate.accommodations).toMatchObject({
      timeMultiplier: 1.5,
      breaks: true,
      largeText: true,
      highContrast: false,
      validUntil: day(30),
      inForce: true,
      approvedBy: { displayName: 'Corin Coordinator' },
      summary: 'time × 1.5; +10 min Part One; +5 min Part Two; rest breaks; large text',
    });
    const [entry] = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'candidate.accommodations'));
    expect(entry).toMatchObject({ subjectId: casey.id, details: { to: { timeMultiplier: 1.5 } } });

    const tooMuch = await api.put(`/api/candidates/${casey.id}/accommodations`, {
      ...none,
      timeMultiplier: 5,
    });
    expect(tooMuch.status).toBe(400);
    const people = (await api.get('/api/users')).body.users as { id: string; roles: string[] }[];
    const proctor = people.find((u) => !u.roles.includes('candidate'))!;
    const staff = await api.put(`/api/candidates/${proctor.id}/accommodations`, none);
    expect(staff.status).toBe(404);
  });

  it('reach the exam clock of every part when the attempt is created', async () => {
    const casey = candidates.get('candidate@demo.test')!;
    const context = await t.app.exam.delivery.openForCandidate(casey.id);
    // 90 minutes × 1.5 + 10 for Part One; × 1.5 + 5 for Part Two.
    expect(t.app.exam.delivery.clockOf(context, 1).allowedMs).toBe(145 * MIN);
    expect(t.app.exam.delivery.clockOf(context, 2).allowedMs).toBe(140 * MIN);
    await t.app.exam.delivery.startPart(context, 1, casey.id);
    const running = t.app.exam.delivery.clockOf(context, 1);
    expect(running.deadline).toBe(t.clock.now().getTime() + 145 * MIN);
    expect(running.remainingMs).toBe(145 * MIN);
  });

  it('reach the candidate screen: large text and high contrast travel in the welcome', async () => {
    const riley = candidates.get('mentor.research@demo.test')!;
    await api.put(`/api/candidates/${riley.id}/accommodations`, {
      ...none,
      largeText: true,
      highContrast: true,
    });
    const context = await t.app.exam.delivery.openForCandidate(riley.id);
    const snapshot = await t.app.exam.delivery.snapshot(context);
    expect(snapshot.display).toEqual({ largeText: true, highContrast: true, breaks: false });
  });

  it('do not apply once their last valid day has passed', async () => {
    const morgan = candidates.get('mentor.policy@demo.test')!;
    await api.put(`/api/candidates/${morgan.id}/accommodations`, {
      ...none,
      timeMultiplier: 2,
      extraMinutesPart1: 30,
      validUntil: day(-1),
    });
    const listed = (await api.get(`/api/candidates/${morgan.id}`)).body.candidate;
    expect(listed.accommodations).toMatchObject({ inForce: false, timeMultiplier: 2 });
    const context = await t.app.exam.delivery.openForCandidate(morgan.id);
    expect(t.app.exam.delivery.clockOf(context, 1).allowedMs).toBe(90 * MIN);
  });

  it('show on the roster of the sitting while in force', async () => {
    const demo = (await api.get('/api/sittings')).body.sittings[0];
    const roster = (await api.get(`/api/sittings/${demo.id}/enrolments`)).body.enrolments as {
      email: string;
      accommodations: string | null;
    }[];
    expect(roster.find((e) => e.email === 'candidate@demo.test')?.accommodations).toBe(
      'time × 1.5; +10 min Part One; +5 min Part Two; rest breaks; large text',
    );
    expect(roster.find((e) => e.email === 'mentor.policy@demo.test')?.accommodations).toBeNull();
  });

  it('take a time multiplier in hundredths: 1.33 and 1.07 yes, 1.333 refused and nothing changed', async () => {
    const casey = candidates.get('candidate@demo.test')!;
    const url = `/api/candidates/${casey.id}/accommodations`;
    const before = (await api.get(`/api/candidates/${casey.id}`)).body.candidate.accommodations;
    const third = await api.put(url, { ...none, timeMultiplier: 1.333 });
    expect(third.status).toBe(400);
    expect(third.body.error.code).toBe('VALIDATION_FAILED');
    expect(third.body.error.message).toBe(
      'The time multiplier takes at most two decimals, such as 1.33 for time and a third.',
    );
    expect(third.body.error.details.fields).toEqual([
      {
        path: 'timeMultiplier',
        message:
          'The time multiplier takes at most two decimals, such as 1.33 for time and a third.',
      },
    ]);
    const after = (await api.get(`/api/candidates/${casey.id}`)).body.candidate.accommodations;
    expect(after).toEqual(before);

    const below = await api.put(url, { ...none, timeMultiplier: 0.5 });
    expect(below.body.error.details.fields[0].message).toBe(
      'The time multiplier is from 1 (no extra time) to 3.',
    );
    for (const timeMultiplier of [1.33, 1.07, 1.25, 3]) {
      const saved = await api.put(url, { ...none, timeMultiplier });
      expect(saved.status).toBe(200);
      expect(saved.body.candidate.accommodations.timeMultiplier).toBe(timeMultiplier);
    }
  });
});
