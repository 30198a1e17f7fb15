import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, responses, sittings, users } from '../src/db/schema/index.js';
import { demoVignetteSets } from '../src/seed/content/vignettes.js';
import { ExamSocket, fixedForm, seedOpenSitting } from './helpers/exam-fixture.js';
import { createTestApp, loginAs, TEST_ORIGIN, type TestApp } from './helpers/test-app.js';

const form = fixedForm();
let t: TestApp;
let attemptId: string;
let sittingId: string;
let coordinator: string;

const doc = (text: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

beforeAll(async () => {
  t = await createTestApp({ forms: form.source, listen: true });
  ({ sittingId } = await seedOpenSitting(t.database.db, {
    formId: form.formId,
    emails: ['candidate@demo.test', 'mentor.policy@demo.test'],
    vignetteSets: true,
  }));
  coordinator = await loginAs(t.app, 'coordinator@demo.test');
  const socket = await ExamSocket.connect(t.app, await loginAs(t.app, 'candidate@demo.test'));
  await socket.hello();
  socket.send({ type: 'part.start', part: 1 });
  await socket.next('clock.update');
  socket.send({ type: 'part.submit', part: 1 });
  await socket.next('welcome');
  socket.send({ type: 'part.start', part: 2 });
  await socket.next('clock.update', (m) => m.clock.part === 2);
  socket.send({
    type: 'draft.save',
    vignette: 1,
    revision: 1,
    doc: doc('A careful first <script>alert(1)</script> draft'),
  });
  await socket.next('draft.ack');
  t.clock.advance(61_000);
  socket.send({ type: 'draft.save', vignette: 1, revision: 2, doc: doc('Accidentally deleted') });
  await socket.next('draft.ack', (m) => m.revision === 2);
  socket.close();
  const [user] = await t.database.db
    .select()
    .from(users)
    .where(eq(users.email, 'candidate@demo.test'));
  attemptId = (await t.app.exam.delivery.openForCandidate(user!.id)).attemptId;
});
afterAll(() => t.close());

describe('response history', () => {
  it('shows a coordinator how a response grew, as server-rendered HTML', async () => {
    const response = await t.app.inject({
      url: `/api/attempts/${attemptId}/responses/1/history`,
      headers: { cookie: coordinator },
    });
    expect(response.statusCode).toBe(200);
    const history = response.json();
    expect(history.snapshots.map((s: { revision: number }) => s.revision)).toEqual([1, 2]);
    expect(history.snapshots[0].html).toContain('&lt;script&gt;');
    expect(history.snapshots[0].html).not.toContain('<script>');
    expect(history.current.revision).toBe(2);
  });

  it("leads from the sitting's roster to the attempt's responses, without vignette content", async () => {
    const roster = await t.app.inject({
      url: `/api/sittings/${sittingId}/enrolments`,
      headers: { cookie: coordinator },
    });
    const rows: { email: string; attemptId: string | null }[] = roster.json().enrolments;
    expect(rows.find((r) => r.email === 'candidate@demo.test')?.attemptId).toBe(attemptId);
    // Morgan never opened the exam: no attempt, so nothing to link to.
    expect(rows.find((r) => r.email === 'mentor.policy@demo.test')?.attemptId).toBeNull();

    // The pages read times in the sitting's zone, whatever the coordinator's browser is set to.
    await t.database.db
      .update(sittings)
      .set({ timeZone: 'America/Chicago' })
      .where(eq(sittings.id, sittingId));
    const response = await t.app.inject({
      url: `/api/attempts/${attemptId}/responses`,
      headers: { cookie: coordinator },
    });
    expect(response.statusCode).toBe(200);
    const overview = response.json();
    expect(overview).toMatchObject({
      attemptId,
      sittingId,
      timeZone: 'America/Chicago',
      sittingName: 'Test sitting',
      candidateName: 'Casey Candidate',
      partTwoStatus: 'running',
    });
    const set = demoVignetteSets.find((s) => s.title === overview.setTitle);
    expect(set).toBeDefined();
    expect(overview.responses.map((r: { title: string }) => r.title)).toEqual(
      set!.vignettes.map((v) => v.title),
    );
    expect(overview.responses[0]).toMatchObject({
      vignette: 1,
      chosen: false,
      words: 2,
      revision: 2,
      versions: 2,
    });
    expect(overview.responses[1]).toMatchObject({ revision: null, words: null, versions: 0 });
    // Titles only: the case, the prompts and the rubric stay on their own pages.
    const body = response.body;
    for (const vignette of set!.vignettes) {
      expect(body).not.toContain(vignette.caseText[0]);
      expect(body).not.toContain(vignette.prompts[0]);
    }
  });

  it('refuses the responses list to proctors, graders and candidates, and knows no other attempt', async () => {
    for (const email of ['proctor@demo.test', 'grader1@demo.test', 'candidate@demo.test']) {
      const refused = await t.app.inject({
        url: `/api/attempts/${attemptId}/responses`,
        headers: { cookie: await loginAs(t.app, email) },
      });
      expect(refused.statusCode, email).toBe(403);
    }
    const unknown = await t.app.inject({
      url: '/api/attempts/00000000-0000-4000-8000-000000000000/responses',
      headers: { cookie: coordinator },
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('restores an earlier version as a new revision, audited', async () => {
    const before = await t.app.inject({
      url: `/api/attempts/${attemptId}/responses/1/history`,
      headers: { cookie: coordinator },
    });
    const first = before.json().snapshots[0];
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/attempts/${attemptId}/responses/1/restore`,
      headers: { cookie: coordinator, origin: TEST_ORIGIN },
      payload: {
        snapshotId: first.id,
        reason: 'Candidate deleted text by accident; proctor incident 12',
      },
    });
    expect(response.statusCode).toBe(200);
    const [row] = await t.database.db
      .select()
      .from(responses)
      .where(and(eq(responses.attemptId, attemptId), eq(responses.vignette, 1)));
    expect(row?.revision).toBe(3);
    expect(JSON.stringify(row?.doc)).toContain('A careful first');
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'response.restore'));
    expect(audits).toHaveLength(1);
    expect(audits[0]?.details).toMatchObject({ fromRevision: 1, revision: 3 });
    const overview = await t.app.inject({
      url: `/api/attempts/${attemptId}/responses`,
      headers: { cookie: coordinator },
    });
    expect(overview.json().responses[0]).toMatchObject({
      revision: 3,
      words: first.words,
      versions: 3,
    });
  });

  it('refuses a restore without a reason, and graders and candidates altogether', async () => {
    const missing = await t.app.inject({
      method: 'POST',
      url: `/api/attempts/${attemptId}/responses/1/restore`,
      headers: { cookie: coordinator, origin: TEST_ORIGIN },
      payload: { snapshotId: 1, reason: '' },
    });
    expect(missing.statusCode).toBe(400);
    const grader = await loginAs(t.app, 'grader1@demo.test');
    const refused = await t.app.inject({
      url: `/api/attempts/${attemptId}/responses/1/history`,
      headers: { cookie: grader },
    });
    expect(refused.statusCode).toBe(403);
  });
});
