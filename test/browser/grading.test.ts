import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { sittings } from '../../server/src/db/schema/index.js';
import { demoRubrics } from '../../server/src/seed/content/rubrics.js';
import { sitExam } from '../../server/test/helpers/grading-fixture.js';
import {
  DEMO_PASSWORD,
  expectNoAxeViolations,
  startBrowserHarness,
  tabTo,
  type BrowserHarness,
} from '../support/browser-harness.js';

let harness: BrowserHarness;
const criteria = demoRubrics.clinical.criteria;
/** The two vignettes Casey answers; the first is the one the graders disagree on. */
const disputed = 'A baby who looks away';

beforeAll(async () => {
  harness = await startBrowserHarness();
  // Casey sits both parts through the real delivery service before any browser opens.
  await sitExam(harness.app, harness.database.db, 'candidate@demo.test', {
    responses: {
      1: 'Marcus may be turning away because feeding has become stressful for both of them.',
      2: 'I would hold both parents’ ways of coping and name their first daughter with them.',
    },
    chosen: [1, 2],
    partOneCorrect: 55,
  });
});
afterAll(async () => {
  await harness?.close();
});

async function signIn(email: string): Promise<Page> {
  const { page, problems } = await harness.newPage();
  await page.goto('/login');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
  expect(problems).toEqual([]);
  return page;
}

function criterionGroup(page: Page, index: number): Locator {
  return page.getByRole('group', { name: new RegExp(`^${criteria[index]!.title}`) });
}

/** Evidence a hostile grader might write: it must reach the candidate as plain text. */
const SCRIPTED_EVIDENCE =
  'Settled on proficient <script>window.xss=1</script><img src=x onerror="window.xss=2">';

/** Scores the open response with the mouse: one level everywhere, evidence per criterion. */
async function scoreByMouse(page: Page, level: string, evidence: string): Promise<void> {
  for (let i = 0; i < criteria.length; i += 1) {
    const group = criterionGroup(page, i);
    await group.getByRole('radio', { name: level }).check();
    await group.getByLabel(`Evidence for ${criteria[i]!.title}`).fill(`${evidence} ${i + 1}`);
  }
}

const focusedText = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement;
    return element ? `${element.tagName} ${element.textContent?.trim() ?? ''}` : '';
  });

async function submit(page: Page, code: string): Promise<void> {
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  await page.getByRole('button', { name: 'Confirm submit' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `Submitted your reading of ${code}. It is final.` })
    .waitFor();
}

/** Opens each queued response; `score` decides by the vignette title what to give it. */
async function scoreQueue(
  page: Page,
  score: (title: string, code: string) => Promise<void>,
): Promise<void> {
  await page.goto('/grading');
  const rows = page.getByRole('table', { name: 'Responses in your queue' }).getByRole('row');
  await rows.nth(1).waitFor();
  const codes = await page
    .getByRole('table', { name: 'Responses in your queue' })
    .getByRole('rowheader')
    .allTextContents();
  for (const code of codes) {
    await page.goto(`/grading/${code}`);
    const title = await page.locator('#vignette-heading').textContent();
    await score(title ?? '', code);
  }
}

const EDITED_COMMENT = 'Little of this shows yet: look again at what the baby does when fed.';

/**
 * The coordinator reads Casey's feedback as Casey will, rewrites one comment and approves it
 * all, by keyboard only.
 */
async function reviewFeedback(corin: Page): Promise<void> {
  await corin.getByRole('link', { name: 'Review the feedback candidates will read' }).click();
  await corin
    .getByRole('heading', { level: 1, name: 'Feedback review: Demo sitting (practice)' })
    .waitFor();
  await corin.getByText('Not approved yet.').waitFor();
  const table = corin.getByRole('table', { name: `Feedback on ${disputed} for Casey Candidate` });
  // Script in a grader's comment is text on the coordinator's page too.
  await table.getByText(`${SCRIPTED_EVIDENCE} 1`).waitFor();
  expect(await corin.evaluate(() => (window as unknown as { xss?: number }).xss)).toBeUndefined();
  expect(await table.locator('script, img').count()).toBe(0);
  await expectNoAxeViolations(corin);

  const grace = table.getByRole('listitem').filter({ hasText: 'Little sign of this yet 2' });
  const edit = grace.getByRole('button', { name: /^Edit comment \d on / });
  await tabTo(corin, edit);
  await corin.keyboard.press('Enter');
  const field = corin.getByLabel('Text the candidate will read');
  await field.waitFor();
  expect(await field.evaluate((el) => el === document.activeElement)).toBe(true);
  expect(await field.inputValue()).toBe('Little sign of this yet 2');
  await expectNoAxeViolations(corin);
  await corin.keyboard.press('Control+A');
  await corin.keyboard.type(EDITED_COMMENT);
  await corin.keyboard.press('Tab');
  await corin.keyboard.press('Enter');
  await corin
    .getByRole('status')
    .filter({ hasText: 'Saved the comment the candidate will read.' })
    .waitFor();
  const edited = table.getByRole('listitem').filter({ hasText: EDITED_COMMENT });
  await edited.getByText('Edited. The grader wrote:').waitFor();
  expect(await edited.textContent()).toContain('Little sign of this yet 2');
  await expectNoAxeViolations(corin);

  await tabTo(corin, corin.getByRole('button', { name: 'Approve all remaining (1)' }));
  await corin.keyboard.press('Enter');
  await corin.getByRole('dialog', { name: 'Approve the feedback of 1 candidate(s)?' }).waitFor();
  await expectNoAxeViolations(corin);
  await tabTo(corin, corin.getByRole('button', { name: 'Approve all remaining', exact: true }));
  await corin.keyboard.press('Enter');
  await corin
    .getByRole('status')
    .filter({ hasText: 'Approved the feedback for 1 candidate(s).' })
    .waitFor();
  await corin.getByText('1 of 1 candidate(s) approved; 0 to approve.').waitFor();
  await corin.getByText(/^Approved by .+ on /).waitFor();
  await expectNoAxeViolations(corin);
}

describe('grading to released result in the browser', () => {
  it('two graders score, a third adjudicates, a coordinator releases, and the candidate reads the result', async () => {
    const casey = await signIn('candidate@demo.test');
    await casey.goto('/my-results');
    await casey.getByText('Results pending.').waitFor();
    await expectNoAxeViolations(casey);

    // First reader, by keyboard on the disputed response: 1s throughout.
    const grace = await signIn('grader1@demo.test');
    await grace.getByRole('main').getByRole('link', { name: 'Grading' }).click();
    await grace.getByText('0 of 2 submitted.').waitFor();
    await expectNoAxeViolations(grace);
    await scoreQueue(grace, async (title, code) => {
      if (title === disputed) {
        await expectNoAxeViolations(grace);
        for (let i = 0; i < criteria.length; i += 1) {
          await tabTo(grace, criterionGroup(grace, i).getByRole('radio', { name: '1 Beginning' }));
          await grace.keyboard.press('Space');
          await grace.keyboard.press('Tab');
          await grace.keyboard.type(`Little sign of this yet ${i + 1}`);
        }
        await tabTo(grace, grace.getByRole('button', { name: 'Save draft' }));
        await grace.keyboard.press('Enter');
        await grace
          .getByRole('status')
          .filter({ hasText: `Draft saved for ${code}.` })
          .waitFor();
        // Saving keeps focus on the button (it was disabled while saving, which dropped focus
        // to the page body).
        expect(await focusedText(grace)).toBe('BUTTON Save draft');
        await tabTo(grace, grace.getByRole('button', { name: 'Submit', exact: true }));
        await grace.keyboard.press('Enter');
        // Focus moves to the confirmation, so Enter confirms.
        await grace.getByRole('button', { name: 'Confirm submit' }).waitFor();
        await grace.keyboard.press('Enter');
        await grace.getByRole('status').filter({ hasText: 'It is final.' }).waitFor();
        // The confirmation is gone with its buttons: focus goes on to the way back to the queue.
        await expect.poll(() => focusedText(grace)).toBe('A Back to your queue');
      } else {
        await scoreByMouse(grace, '3 Proficient', 'Clear and grounded');
        await submit(grace, code);
      }
    });
    await grace.goto('/grading');
    await grace.getByText('2 of 2 submitted.').waitFor();

    // Second reader, by mouse: 4s on the disputed response (three levels apart), 3s on the other.
    const gideon = await signIn('grader2@demo.test');
    await scoreQueue(gideon, async (title, code) => {
      // Blind: nothing of the first reading is on the page.
      expect(await gideon.getByText('Little sign of this yet').count()).toBe(0);
      expect(await gideon.getByText('Casey').count()).toBe(0);
      await scoreByMouse(gideon, title === disputed ? '4 Exemplary' : '3 Proficient', 'Seen');
      await submit(gideon, code);
    });

    // The third reader sees both readings and decides.
    const avery = await signIn('grader3@demo.test');
    await avery.goto('/grading');
    await avery.getByText('0 of 1 submitted.').waitFor();
    await scoreQueue(avery, async (title, code) => {
      expect(title).toBe(disputed);
      await criterionGroup(avery, 0).getByRole('table', { name: 'Readings so far' }).waitFor();
      await avery.getByText('Little sign of this yet 1').waitFor();
      await expectNoAxeViolations(avery);
      await scoreByMouse(avery, '3 Proficient', SCRIPTED_EVIDENCE);
      await submit(avery, code);
    });

    // The coordinator reviews (charts with tables, agreement) and releases.
    const corin = await signIn('coordinator@demo.test');
    await corin.getByRole('main').getByRole('link', { name: 'Results' }).click();
    await corin.getByRole('link', { name: 'Demo sitting (practice)' }).click();
    await corin
      .getByRole('heading', { level: 1, name: 'Results: Demo sitting (practice)' })
      .waitFor();
    await corin.getByRole('img', { name: /^Part One: questions answered correctly/ }).waitFor();
    await corin.getByRole('table', { name: /Part Two: final score.*the numbers/ }).waitFor();
    await corin.getByRole('table', { name: 'Agreement between graders' }).waitFor();
    // Still open: release waits until the sitting is closed on the coordinator console.
    await corin
      .getByText('The sitting is still open: close it on the coordinator console first.')
      .waitFor();
    const casRow = corin.getByRole('row').filter({ hasText: 'Casey Candidate' });
    expect(await casRow.textContent()).toContain('55 of 60');
    // Submitted readings are final unless reopened, with a reason; here the coordinator backs out.
    await corin.getByRole('button', { name: /^Reopen Avery Adjudicator's reading of R-/ }).click();
    await corin.getByLabel('Why reopen it').waitFor();
    await expectNoAxeViolations(corin);
    await corin.getByRole('button', { name: 'Cancel' }).click();
    const resultsUrl = corin.url();
    const [sitting] = await harness.database.db
      .select({ id: sittings.id })
      .from(sittings)
      .where(eq(sittings.name, 'Demo sitting (practice)'));
    await corin.goto(`/coordinator/sittings/${sitting!.id}`);
    corin.once('dialog', (dialog) => void dialog.accept());
    await corin.getByRole('button', { name: 'Close the sitting' }).click();
    await corin.getByText(/The sitting is now closed/).waitFor();
    await corin.goto(resultsUrl);
    // Graders' comments reach Casey only once a coordinator has read and approved them.
    await corin
      .getByText('Feedback for 1 candidate(s) is not approved yet: review it on the feedback page.')
      .waitFor();
    expect(await corin.getByRole('button', { name: 'Release results' }).count()).toBe(0);
    await reviewFeedback(corin);
    await corin.goto(resultsUrl);
    await corin.getByRole('button', { name: 'Release results' }).click();
    await corin.getByRole('button', { name: 'Confirm release' }).click();
    await corin.getByRole('status').filter({ hasText: 'Released 1 result(s).' }).waitFor();
    await corin.getByText('Candidates can read their results.').waitFor();

    // Casey reads the result: passed, Part One by domain, feedback without graders, pointers.
    await casey.reload();
    await casey.getByText('You passed the exam.').waitFor();
    await casey.getByRole('table', { name: 'Part One by competency domain' }).waitFor();
    const feedback = casey.getByRole('table', { name: `Feedback on ${disputed}` });
    // Attack 14: script in a grader's comment reaches the candidate as text and never runs.
    await feedback.getByText(`${SCRIPTED_EVIDENCE} 1`).waitFor();
    // The coordinator's edit replaced Grace's comment; her own words never reach Casey.
    await feedback.getByText(EDITED_COMMENT).waitFor();
    expect(await feedback.getByText('Little sign of this yet 2').count()).toBe(0);
    expect(await casey.evaluate(() => (window as unknown as { xss?: number }).xss)).toBeUndefined();
    expect(await feedback.locator('script, img').count()).toBe(0);
    expect(await feedback.textContent()).toContain('3 (Proficient)');
    const page = (await casey.getByRole('main').textContent()) ?? '';
    for (const grader of ['Grace', 'Gideon', 'Avery', 'grader1@', 'grader2@', 'grader3@'])
      expect(page).not.toContain(grader);
    await casey.getByRole('heading', { name: 'Where to study next' }).waitFor();
    await expectNoAxeViolations(casey);
    // Seven sign-ins and four scoring sessions: give a loaded machine room.
  }, 150_000);

  it('coordinators manage graders and rubrics on pages that pass axe', async () => {
    const corin = await signIn('coordinator@demo.test');
    await corin.goto('/graders');
    const avery = corin.getByRole('region', { name: 'Avery Adjudicator' });
    await avery.getByRole('checkbox', { name: 'Adjudicator (third reader)' }).waitFor();
    expect(
      await avery.getByRole('checkbox', { name: 'Adjudicator (third reader)' }).isChecked(),
    ).toBe(true);
    await avery.getByLabel('Candidate email address').fill('mentor.policy@demo.test');
    await avery.getByLabel('Reason').fill('My supervisee');
    await avery.getByRole('button', { name: 'Add conflict' }).click();
    await avery.getByText('Morgan Mentor (mentor.policy@demo.test): My supervisee').waitFor();
    await expectNoAxeViolations(corin);

    await corin.goto('/rubrics');
    await corin.getByRole('heading', { level: 2, name: 'Policy' }).waitFor();
    await expectNoAxeViolations(corin);
    await corin.getByRole('button', { name: 'Edit the Policy rubric' }).click();
    await corin.getByLabel('Rubric title').fill('Policy vignette rubric, revised');
    await expectNoAxeViolations(corin);
    await corin.getByRole('button', { name: 'Save changes' }).click();
    await corin.getByText('Policy vignette rubric, revised').waitFor();
  }, 90_000);
});
