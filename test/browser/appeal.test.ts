import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackReviewResponse } from '@exam/shared/api';
import { gradingItems, mailMessages } from '../../server/src/db/schema/index.js';
import * as qualificationRepo from '../../server/src/modules/grading/qualification.repo.js';
import * as rubricsRepo from '../../server/src/modules/grading/rubrics.repo.js';
import { demoRubrics } from '../../server/src/seed/content/rubrics.js';
import { sheet, sitExam, userIdOf } from '../../server/test/helpers/grading-fixture.js';
import { apiAs } from '../support/api-as.js';
import {
  expectNoAxeViolations,
  signIn,
  startBrowserHarness,
  tabTo,
  type BrowserHarness,
} from '../support/browser-harness.js';

let harness: BrowserHarness;
let attemptId = '';
let sittingId = '';
let coordinator: Awaited<ReturnType<typeof apiAs>>;
const clinical = demoRubrics.clinical.criteria.map((c) => c.id);

/**
 * Casey's result is released with both vignette responses scored 1s by the two readers, so
 * Part Two is failed. Casey asks for a review of Part Two on their results page; the
 * coordinator accepts it while nobody independent is qualified (the appeal says it waits, and
 * why), finds a reviewer once one is; that grader, who never read the responses, scores them 3s blind; the
 * coordinator changes the result, and Casey reads the new one with the reply.
 */
beforeAll(async () => {
  harness = await startBrowserHarness();
  ({ attemptId } = await sitExam(harness.app, harness.database.db, 'candidate@demo.test', {
    responses: { 1: 'A considered response.', 2: 'Another considered response.' },
    chosen: [1, 2],
    partOneCorrect: 50,
  }));
  const { scoring, annotations } = harness.app.grading;
  for (const email of ['grader1@demo.test', 'grader2@demo.test']) {
    const id = await userIdOf(harness.database.db, email);
    for (const [index, entry] of (await scoring.queue(id)).entries.entries()) {
      // Reader 1 annotates the opening words of their first response.
      if (email === 'grader1@demo.test' && index === 0)
        await annotations.create(id, entry.code, {
          start: 0,
          end: 12,
          comment: 'Opens without naming the relationship.',
        });
      await scoring.submit(id, entry.code, sheet(clinical, 1));
    }
  }
  const [item] = await harness.database.db
    .select()
    .from(gradingItems)
    .where(eq(gradingItems.attemptId, attemptId));
  sittingId = item!.sittingId;
  const sitting = `/api/sittings/${sittingId}`;
  const results = `/api/results/sittings/${sittingId}`;
  coordinator = await apiAs(harness, 'coordinator@demo.test');
  const closed = await coordinator('POST', `${sitting}/transition`, { to: 'closed' });
  expect(closed.statusCode, closed.body).toBe(200);
  const review: FeedbackReviewResponse = (await coordinator('GET', `${results}/feedback`)).json();
  const approved = await coordinator('POST', `${results}/feedback/approvals`, {
    approvals: review.candidates.map((c) => ({
      candidateId: c.candidateId,
      fingerprint: c.fingerprint,
    })),
  });
  expect(approved.statusCode, approved.body).toBe(200);
});
afterAll(async () => {
  await harness?.close();
});

describe('annotations in the candidate’s feedback', () => {
  it('the coordinator includes a reader’s annotation; the candidate reads it once released', async () => {
    const { page } = await harness.newPage();
    await signIn(page, 'coordinator@demo.test');
    await page.goto(`/results/${sittingId}/feedback`);
    const include = page.getByRole('checkbox', { name: /Opens without naming the relationship/ });
    await include.waitFor();
    expect(await include.isChecked()).toBe(false);
    await expectNoAxeViolations(page);
    await tabTo(page, include, 80);
    await page.keyboard.press('Space');
    await page
      .getByRole('status')
      .filter({ hasText: 'Included in the candidate’s feedback.' })
      .waitFor();
    await expect.poll(() => include.isChecked()).toBe(true);
    expect(await page.getByText('Reader 1:').count()).toBeGreaterThan(0);
    // What the candidate will read changed: the approval must be given again.
    const approve = page.getByRole('button', { name: 'Approve feedback for Casey Candidate' });
    await tabTo(page, approve, 80);
    await expectNoAxeViolations(page);
    await page.keyboard.press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: 'Approved the feedback for Casey Candidate.' })
      .waitFor();

    const released = await coordinator('POST', `/api/results/sittings/${sittingId}/release`);
    expect(released.statusCode, released.body).toBe(200);
    const { page: casey } = await harness.newPage();
    await signIn(casey, 'candidate@demo.test');
    await casey.goto('/my-results');
    await casey.getByRole('heading', { name: 'Passages your readers commented on' }).waitFor();
    const passage = casey.getByRole('listitem').filter({
      hasText: 'Opens without naming the relationship.',
    });
    // Reader 1's first queued response is either of the two (the queue's order is not the
    // vignettes'): the passage is its opening 12 characters.
    expect(await passage.textContent()).toMatch(/A considered|Another cons/);
    expect(await casey.getByText('Reader 1').count()).toBe(0);
  });
});

describe('an appeal', () => {
  it('goes from the candidate’s request to a changed result they read', async () => {
    const { page: casey } = await harness.newPage();
    await signIn(casey, 'candidate@demo.test');
    await casey.goto('/my-results');
    await casey.getByText('You did not pass the exam this time.').waitFor();
    await casey.getByRole('heading', { name: 'Asking for a review' }).waitFor();
    await expectNoAxeViolations(casey);
    const partTwo = casey.getByRole('checkbox', { name: 'Part Two (vignettes)' });
    await tabTo(casey, partTwo);
    await casey.keyboard.press('Space');
    await tabTo(casey, casey.getByLabel('Your grounds'));
    await casey.keyboard.type('My responses were marked more harshly than my practice shows.');
    await tabTo(casey, casey.getByRole('button', { name: 'Ask for a review' }));
    await casey.keyboard.press('Enter');
    await casey.getByText('Received: the coordinator will decide whether to review it.').waitFor();

    const { page: corin } = await harness.newPage();
    await signIn(corin, 'coordinator@demo.test');
    await corin.goto('/coordinator');
    await corin
      .getByRole('navigation', { name: 'Coordinator console' })
      .getByRole('link', { name: 'Appeals' })
      .click();
    await corin.getByRole('heading', { level: 1, name: 'Appeals' }).waitFor();
    const row = corin.getByRole('row').filter({ hasText: 'Casey Candidate' });
    await row.waitFor();
    // The state's deadline, in the viewer's zone with the zone named.
    expect(await row.textContent()).toMatch(/requested.*\d{4}/);
    await corin.getByRole('link', { name: /Download the appeals report of .+ \(CSV\)/ }).waitFor();
    await expectNoAxeViolations(corin);
    await tabTo(corin, corin.getByRole('button', { name: 'Open the appeal of Casey Candidate' }));
    await corin.keyboard.press('Enter');
    await corin.getByRole('heading', { name: 'Appeal of Casey Candidate' }).waitFor();
    // grader3, the one grader who never read Casey's responses, is not qualified for Clinical
    // now: nobody independent can review them, and the appeal says so instead of stalling.
    const reviewer = await userIdOf(harness.database.db, 'grader3@demo.test');
    const admin = await apiAs(harness, 'admin@demo.test');
    const decision = { graderId: reviewer, variant: 'clinical', note: 'Walk' };
    const unqualified = await admin('POST', '/api/grading/qualifications/decide', {
      ...decision,
      qualified: false,
    });
    expect(unqualified.statusCode, unqualified.body).toBe(204);
    await tabTo(corin, corin.getByRole('button', { name: 'Accept for review' }));
    await corin.keyboard.press('Enter');
    await corin.getByRole('status').filter({ hasText: 'Accepted.' }).waitFor();
    await corin
      .getByText(
        'No qualified grader who has not read these responses is available for the Clinical variant.',
        { exact: false },
      )
      .waitFor();
    await expectNoAxeViolations(corin);
    const find = corin.getByRole('button', { name: 'Find a reviewer' });
    await tabTo(corin, find);
    await corin.keyboard.press('Enter');
    await corin.getByRole('alert').filter({ hasText: 'Still nobody to review it.' }).waitFor();
    // Qualified behind routing's back (no sweep), so only the button can find grader3.
    const rubric = await rubricsRepo.latestRubric(harness.database.db, 'clinical');
    await qualificationRepo.upsertQualification(harness.database.db, {
      graderId: reviewer,
      rubricId: rubric!.id,
      variant: 'clinical',
      qualified: true,
      source: 'coordinator',
      decidedAt: new Date(),
      expiresAt: null,
      decidedBy: null,
      note: 'Qualified with another board',
    });
    await tabTo(corin, find);
    await corin.keyboard.press('Enter');
    await corin.getByRole('status').filter({ hasText: 'A reviewer was assigned.' }).waitFor();
    await expect.poll(() => corin.getByRole('button', { name: 'Find a reviewer' }).count()).toBe(0);
    await expectNoAxeViolations(corin);

    // The review reader: never one of the two earlier readers; they score blind.
    const { scoring } = harness.app.grading;
    const items = await harness.database.db
      .select()
      .from(gradingItems)
      .where(eq(gradingItems.attemptId, attemptId));
    for (const item of items) await scoring.submit(reviewer, item.code, sheet(clinical, 3));

    await corin.reload();
    await tabTo(corin, corin.getByRole('button', { name: 'Open the appeal of Casey Candidate' }));
    await corin.keyboard.press('Enter');
    const reply = corin.getByLabel('Reply to the candidate');
    await tabTo(corin, reply);
    await corin.keyboard.type('An independent review scored your responses higher.');
    await tabTo(corin, corin.getByRole('button', { name: 'Change the result' }));
    await corin.keyboard.press('Enter');
    await corin.getByRole('status').filter({ hasText: 'The result was changed.' }).waitFor();
    await expectNoAxeViolations(corin);

    await casey.reload();
    await casey.getByText('You passed the exam.').waitFor();
    await casey.getByText('Outcome: your result was changed (see above).').waitFor();
    await casey.getByText('An independent review scored your responses higher.').first().waitFor();
    await expectNoAxeViolations(casey);
    const mails = await harness.database.db
      .select()
      .from(mailMessages)
      .where(eq(mailMessages.kind, 'appeal-outcome'));
    expect(mails.map((m) => m.toAddress)).toEqual(['candidate@demo.test']);
  });
});
