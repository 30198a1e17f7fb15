import { and, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  auditLog,
  enrolments,
  gradingAssignments,
  gradingItems,
  sittings,
} from '../src/db/schema/index.js';
import { createSoleLeadership } from '../src/events/leader.js';
import { demoRubrics } from '../src/seed/content/rubrics.js';
import { call, sheet, userIdOf } from './helpers/grading-fixture.js';
import { useScoringApp } from './helpers/scoring-app.js';

// A response is never left with a grader who can no longer score it: a grader whose role is
// taken away, or whose variants no longer include the response's, gives back every reading
// they have not submitted (audited, with the reason), and routing gives it to someone else.
const s = useScoringApp();
const policyIds = demoRubrics.policy.criteria.map((c) => c.id);
const ids: Record<string, string> = {};

async function idOf(email: string) {
  ids[email] ??= await userIdOf(s.t.database.db, `${email}@demo.test`);
  return ids[email];
}

/** Each response's readings as `{ grader email: status }`, by code. */
async function readingsOf(codes: string[]) {
  const graders = ['grader1', 'grader2', 'grader3'];
  const emailOf = new Map(await Promise.all(graders.map(async (g) => [await idOf(g), g] as const)));
  const rows = await s.t.database.db
    .select({
      code: gradingItems.code,
      graderId: gradingAssignments.graderId,
      status: gradingAssignments.status,
    })
    .from(gradingAssignments)
    .innerJoin(gradingItems, eq(gradingItems.id, gradingAssignments.itemId))
    .where(inArray(gradingItems.code, codes));
  const byCode: Record<string, Record<string, string>> = {};
  for (const row of rows)
    (byCode[row.code] ??= {})[emailOf.get(row.graderId) ?? row.graderId] = row.status;
  return byCode;
}

async function withdrawals(code: string) {
  const rows = await s.t.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'grading.reading_withdrawn'), eq(auditLog.subjectId, code)));
  return rows.map((r) => r.details);
}

async function setVariants(grader: string, variants: string[], adjudicator = false) {
  const url = `/api/grading/graders/${await idOf(grader)}`;
  const response = await call(s.t.app, s.admin, 'PUT', url, { variants, adjudicator });
  expect(response.statusCode, response.body).toBe(200);
}

async function setRoles(grader: string, roles: string[]) {
  const url = `/api/users/${await idOf(grader)}/roles`;
  const response = await call(s.t.app, s.admin, 'PUT', url, { roles });
  expect(response.statusCode, response.body).toBe(200);
}

describe('readings a grader can no longer hold', () => {
  it('takes back the unsubmitted readings of a variant removed from a grader, keeps the submitted one, and routes them on', async () => {
    const [p1, p2] = await s.codesOf('mentor.policy@demo.test');
    await s.submit(s.grader1, p1!, sheet(policyIds, 3));
    const draft = await call(
      s.t.app,
      s.grader1,
      'PUT',
      `/api/grading/queue/${p2}/draft`,
      sheet(policyIds, 2),
    );
    expect(draft.statusCode).toBe(200);
    const clinical = await s.codesOf('candidate@demo.test');

    await setVariants('grader1', ['clinical', 'research-faculty']);

    expect(await readingsOf([p1!, p2!])).toEqual({
      [p1!]: { grader1: 'submitted', grader2: 'assigned' },
      // The adjudicator is the only other Policy grader free of this response.
      [p2!]: { grader2: 'assigned', grader3: 'assigned' },
    });
    expect(await withdrawals(p2!)).toEqual([
      { graderId: ids.grader1, role: 'reader', status: 'draft', reason: 'no longer grades policy' },
    ]);
    expect(await withdrawals(p1!)).toEqual([]);
    // Readings of the variants the grader keeps stay with them.
    const kept = await readingsOf(clinical);
    for (const code of clinical) expect(kept[code]).toMatchObject({ grader1: 'assigned' });
    // The grader's queue no longer offers the draft.
    const queue = await call(s.t.app, s.grader1, 'GET', `/api/grading/queue/${p2}`);
    expect(queue.statusCode).toBe(404);
  });

  it('takes back every unsubmitted reading of a grader whose role is taken away, at once, and routes to them again once it is given back', async () => {
    const [p1, p2] = await s.codesOf('mentor.policy@demo.test');
    const clinical = await s.codesOf('candidate@demo.test');

    await setRoles('grader2', []);

    const after = await readingsOf([...clinical, p1!, p2!]);
    for (const code of clinical)
      expect(after[code]).toEqual({ grader1: 'assigned', grader3: 'assigned' });
    // Policy: grader1 no longer grades it and grader3 already reads p2, so p2 waits for a reader.
    expect(after[p1!]).toEqual({ grader1: 'submitted', grader3: 'assigned' });
    expect(after[p2!]).toEqual({ grader3: 'assigned' });
    expect(await withdrawals(clinical[0]!)).toEqual([
      {
        graderId: ids.grader2,
        role: 'reader',
        status: 'assigned',
        reason: 'grader no longer in the pool',
      },
    ]);

    // Given the role back, the grader is in the pool again without waiting for the timer.
    await setRoles('grader2', ['grader']);
    expect((await readingsOf([p2!]))[p2!]).toEqual({ grader2: 'assigned', grader3: 'assigned' });
  });

  it('takes back the readings of a grader enrolled as a candidate whose results are not out, and routes none to them until released', async () => {
    const clinical = await s.codesOf('candidate@demo.test');
    const before = await readingsOf(clinical);
    const holder = Object.keys(before[clinical[0]!]!).find((g) => g !== 'grader1')!;
    const [open] = await s.t.database.db.select().from(sittings).where(eq(sittings.status, 'open'));
    const [enrolled] = await s.t.database.db
      .insert(enrolments)
      .values({
        sittingId: open!.id,
        candidateId: await idOf(holder),
        examEndorsement: 'IMH-E',
        category: 'mental-health-specialist',
      })
      .returning();
    await s.t.app.grading.routing.sweep();

    const after = await readingsOf(clinical);
    for (const code of clinical) expect(after[code]?.[holder]).toBeUndefined();
    expect(await withdrawals(clinical[0]!)).toContainEqual({
      graderId: ids[holder],
      role: 'reader',
      status: 'assigned',
      reason: 'enrolled as a candidate, results not released',
    });

    // The responses went on to other readers; with no result pending, the grader may read again.
    for (const code of clinical) expect(Object.keys(after[code]!)).toHaveLength(2);
    const inPool = async () =>
      (await s.t.app.grading.routing.loadPool()).graders.find((g) => g.id === ids[holder]);
    expect((await inPool())?.awaitingResults).toBe(true);
    await s.t.database.db.delete(enrolments).where(eq(enrolments.id, enrolled!.id));
    expect((await inPool())?.awaitingResults).toBe(false);
  });

  it('routes after a change taken by an instance that does not lead (the leader sweeps on its own)', async () => {
    const { attemptId } = s.attempts['mentor.research@demo.test']!;
    const research = await s.codesOf('mentor.research@demo.test');
    expect(attemptId).toBeTruthy();
    // Another instance takes the lead: this one's fenced writes are refused from now on.
    const other = createSoleLeadership({ db: s.t.database.db, holder: 'another-instance' });
    await other.start();

    await setVariants('grader1', ['clinical']);

    const after = await readingsOf(research);
    for (const code of research)
      expect(after[code]).toEqual({ grader2: 'assigned', grader3: 'assigned' });
    await other.stop();
  });
});
