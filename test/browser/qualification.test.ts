import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  graderPauses,
  gradingAssignments,
  gradingItems,
} from '../../server/src/db/schema/index.js';
import { demoRubrics } from '../../server/src/seed/content/rubrics.js';
import { sheet, sitExam, userIdOf } from '../../server/test/helpers/grading-fixture.js';
import {
  DEMO_PASSWORD,
  expectNoAxeViolations,
  signIn,
  startBrowserHarness,
  tabTo,
  type BrowserHarness,
} from '../support/browser-harness.js';
import { apiAs } from '../support/api-as.js';

let harness: BrowserHarness;
const clinical = demoRubrics.clinical.criteria.map((c) => c.id);

/**
 * Casey's two clinical responses, scored by the demo's two readers, become the benchmarks of a
 * two-response set. The demo readers then read only Policy, so when Jordan sits, their clinical
 * responses wait for a second qualified reader: the new grader, once they pass the set.
 */
beforeAll(async () => {
  harness = await startBrowserHarness();
  const { scoring } = harness.app.grading;
  await sitExam(harness.app, harness.database.db, 'candidate@demo.test', {
    responses: { 1: 'Casey reflects on the feeding.', 2: 'Casey holds both parents.' },
    chosen: [1, 2],
  });
  for (const email of ['grader1@demo.test', 'grader2@demo.test']) {
    const id = await userIdOf(harness.database.db, email);
    for (const entry of (await scoring.queue(id)).entries)
      await scoring.submit(id, entry.code, sheet(clinical, 3));
  }
  const chief = await apiAs(harness, 'chief.grader@demo.test');
  const sources = (await chief('GET', '/api/grading/benchmark-sources')).json().sources;
  expect(sources).toHaveLength(2);
  for (const [index, source] of (sources as { code: string }[]).entries()) {
    const created = await chief('POST', '/api/grading/benchmarks', {
      code: source.code,
      title: `Benchmark ${index + 1}`,
      agreed: clinical.map((criterionId) => ({
        criterionId,
        level: 3,
        rationale: `Agreed 3 on ${criterionId}: the response links behaviour to relationship.`,
      })),
    });
    expect(created.statusCode, created.body).toBe(201);
  }
  const settings = (await chief('GET', '/api/grading/calibration-settings')).json();
  const put = await chief('PUT', '/api/grading/calibration-settings', {
    ...settings,
    qualificationSetSize: 2,
  });
  expect(put.statusCode, put.body).toBe(204);

  const admin = await apiAs(harness, 'admin@demo.test');
  for (const email of ['grader1@demo.test', 'grader2@demo.test']) {
    const id = await userIdOf(harness.database.db, email);
    const set = await admin('PUT', `/api/grading/graders/${id}`, {
      variants: ['policy'],
      adjudicator: false,
    });
    expect(set.statusCode, set.body).toBe(200);
  }
  const created = await admin('POST', '/api/users', {
    email: 'new.reader@demo.test',
    displayName: 'Nova Reader',
    password: DEMO_PASSWORD,
    roles: ['grader'],
  });
  expect(created.statusCode, created.body).toBe(201);
  const set = await admin('PUT', `/api/grading/graders/${created.json().user.id}`, {
    variants: ['clinical'],
    adjudicator: false,
  });
  expect(set.statusCode, set.body).toBe(200);
});
afterAll(async () => {
  await harness?.close();
});

describe('qualification', () => {
  it('a new grader takes a set by keyboard, qualifies, reads the feedback, then gets live responses', async () => {
    const { attemptId } = await sitExam(
      harness.app,
      harness.database.db,
      'mentor.clinical@demo.test',
      { responses: { 1: 'Jordan on supervision.', 2: 'Jordan on the team.' }, chosen: [1, 2] },
    );
    await harness.app.grading.routing.idle();
    const newId = await userIdOf(harness.database.db, 'new.reader@demo.test');
    const live = await harness.database.db
      .select()
      .from(gradingItems)
      .where(eq(gradingItems.attemptId, attemptId));
    const readersOfLive = async () =>
      (
        await harness.database.db
          .select()
          .from(gradingAssignments)
          .where(
            inArray(
              gradingAssignments.itemId,
              live.map((i) => i.id),
            ),
          )
      ).map((a) => a.graderId);
    expect(await readersOfLive()).not.toContain(newId);

    const { page, problems } = await harness.newPage();
    await signIn(page, 'new.reader@demo.test');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Qualification', exact: true })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Qualification' }).waitFor();
    await page.getByRole('cell', { name: 'Not yet qualified' }).waitFor();
    await expectNoAxeViolations(page);
    const take = page.getByRole('button', { name: 'Take the Clinical set' });
    await tabTo(page, take);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Qualification set' }).waitFor();
    await page.getByRole('heading', { name: 'Response 2', exact: false }).waitFor();
    await expectNoAxeViolations(page);

    // By keyboard: Tab to the first level of each criterion, arrow keys to the level wanted.
    // Response 1's first criterion gets 2 (one off the agreed 3), everything else the agreed 3.
    const [first] = demoRubrics.clinical.criteria;
    for (const position of [1, 2]) {
      for (const criterion of demoRubrics.clinical.criteria) {
        const group = page.getByRole('group', {
          name: `Response ${position}: ${criterion.title}`,
        });
        const wanted = position === 1 && criterion.id === first!.id ? 2 : 3;
        await tabTo(page, group.getByRole('radio').first(), 80);
        for (let i = 1; i < wanted; i += 1) await page.keyboard.press('ArrowDown');
        await expect
          .poll(() =>
            group
              .getByRole('radio')
              .nth(wanted - 1)
              .isChecked(),
          )
          .toBe(true);
        await page
          .getByRole('status')
          .filter({ hasText: `Saved response ${position}.` })
          .waitFor();
      }
    }
    await page.getByText('Every level is chosen.').waitFor();
    const finish = page.getByRole('button', { name: 'Finish the set' });
    await expect.poll(() => finish.isEnabled()).toBe(true);
    await tabTo(page, finish, 80);
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { name: 'You qualified' }).waitFor();
    await page.getByText('83% exact and 100% adjacent agreement').waitFor();
    const differences = page.getByRole('table', {
      name: 'Where your levels differed from the agreed ones',
    });
    const row = differences.getByRole('row').filter({ hasText: first!.title });
    await row.waitFor();
    expect(await row.textContent()).toContain(`Agreed 3 on ${first!.id}`);
    expect(await differences.getByRole('row').count()).toBe(2);
    await expectNoAxeViolations(page);

    // Qualifying routed Jordan's waiting responses to them.
    await harness.app.grading.routing.idle();
    await expect
      .poll(async () => (await readersOfLive()).filter((g) => g === newId))
      .toHaveLength(2);
    await page.getByRole('link', { name: 'Go to your grading queue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Grading queue' }).waitFor();
    for (const item of live)
      await page.getByRole('link', { name: item.code, exact: true }).waitFor();
    await page.goto('/qualification');
    await page.getByRole('cell', { name: 'Qualified', exact: true }).waitFor();
    expect(problems).toEqual([]);
  });

  it('the chief grader reviews a paused grader and keeps the standard, by keyboard', async () => {
    // Grace fell below the seed threshold (the auto-pause is proved in grading-seeds.test.ts).
    const grace = await userIdOf(harness.database.db, 'grader1@demo.test');
    await harness.database.db.insert(graderPauses).values({
      graderId: grace,
      reason: 'seed-agreement',
      details: { seeds: 5, exactPercent: 40, adjacentPercent: 80 },
      pausedAt: new Date(),
    });
    const { page, problems } = await harness.newPage();
    await signIn(page, 'chief.grader@demo.test');
    await page.goto('/rater-monitoring');
    const review = page.getByRole('link', { name: 'Paused: review Grace Grader' });
    await tabTo(page, review, 80);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Review of a paused grader' }).waitFor();
    const send = page.getByRole('button', { name: /^Send .+ to another reader$/ });
    await send.first().waitFor();
    expect(await send.count()).toBe(2);
    await expectNoAxeViolations(page);
    await tabTo(page, page.getByLabel('Reason for sending a response to another reader'));
    await page.keyboard.type('Scored while below the seed threshold.');
    await tabTo(page, send.first());
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'was sent to another reader' }).waitFor();
    await tabTo(page, page.getByLabel('What was agreed'));
    await page.keyboard.type('Recalibrated on the benchmarks together.');
    await tabTo(page, page.getByRole('button', { name: 'Lift the pause' }));
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'The pause is lifted.' }).waitFor();
    await expectNoAxeViolations(page);

    await page.goto('/grading-standard');
    await page.getByRole('heading', { level: 1, name: 'Grading standard' }).waitFor();
    const size = page.getByLabel('Responses in a qualification set');
    await expect.poll(() => size.inputValue()).toBe('2');
    await page
      .getByRole('row')
      .filter({ hasText: 'Nova Reader' })
      .getByRole('cell', { name: 'Qualified', exact: true })
      .waitFor();
    await page.getByText(/^Benchmark 1: Clinical/).waitFor();
    await expectNoAxeViolations(page);
    await tabTo(page, size, 80);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('3');
    await tabTo(page, page.getByRole('button', { name: 'Save settings' }), 80);
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Saved the calibration settings.' }).waitFor();
    const settings = await harness.app.grading.benchmarks.settings();
    expect(settings.qualificationSetSize).toBe(3);
    expect(problems).toEqual([]);
  });
});
