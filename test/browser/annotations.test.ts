import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoRubrics } from '../../server/src/seed/content/rubrics.js';
import { sheet, sitExam, userIdOf } from '../../server/test/helpers/grading-fixture.js';
import {
  expectNoAxeViolations,
  signIn,
  startBrowserHarness,
  tabTo,
  type BrowserHarness,
} from '../support/browser-harness.js';

let harness: BrowserHarness;
const criterionIds = demoRubrics.clinical.criteria.map((c) => c.id);
const RESPONSE =
  'Marcus may be turning away because feeding has become stressful for both of them.';

beforeAll(async () => {
  harness = await startBrowserHarness();
  await sitExam(harness.app, harness.database.db, 'candidate@demo.test', {
    responses: { 1: RESPONSE, 2: 'I would hold both parents’ ways of coping.' },
    chosen: [1, 2],
  });
});
afterAll(async () => {
  await harness?.close();
});

async function open(email: string, code: string): Promise<Page> {
  const { page } = await harness.newPage();
  await signIn(page, email);
  await page.goto(`/grading/${code}`);
  await page.getByRole('heading', { level: 1, name: `Response ${code}` }).waitFor();
  return page;
}

describe('annotating a response', () => {
  it('a reader annotates by keyboard and by selection; the third reader sees them under the first and second readings', async () => {
    const { scoring } = harness.app.grading;
    const grader1 = await userIdOf(harness.database.db, 'grader1@demo.test');
    const grader2 = await userIdOf(harness.database.db, 'grader2@demo.test');
    let code = '';
    for (const entry of (await scoring.queue(grader1)).entries) {
      const view = await scoring.view(grader1, entry.code);
      if (view.responseHtml.includes('Marcus')) code = entry.code;
    }
    expect(code).not.toBe('');

    const page = await open('grader1@demo.test', code);
    await expectNoAxeViolations(page);
    // Keyboard only: find the passage by its words, then comment on it.
    const find = page.getByLabel('Or find words in the response');
    await tabTo(page, find);
    await page.keyboard.type('feeding has become stressful');
    await page.keyboard.press('Enter');
    await page.getByText('Passage: “feeding has become stressful”').waitFor();
    await expectNoAxeViolations(page);
    await tabTo(page, page.getByLabel('Comment on the passage'));
    await page.keyboard.type('Links the behaviour to the relationship.');
    await tabTo(page, page.getByRole('button', { name: 'Add annotation' }));
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Annotation added.' }).waitFor();
    const mine = page.getByRole('list').filter({ hasText: 'Links the behaviour' });
    expect(await mine.textContent()).toContain('feeding has become stressful');
    await expectNoAxeViolations(page);

    // A selection made in the page (as with Shift+arrows or the mouse) is used as it stands.
    await page.locator('.response-text').evaluate((element) => {
      const text = element.querySelector('p')!.firstChild!;
      const range = document.createRange();
      range.setStart(text, 0);
      range.setEnd(text, 'Marcus'.length);
      const selection = document.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
    });
    await page.getByRole('button', { name: 'Use the selected text' }).click();
    await page.getByText('Passage: “Marcus”').waitFor();
    await page.getByLabel('Comment on the passage').fill('Names the baby first.');
    await page.getByRole('button', { name: 'Add annotation' }).click();
    await page.getByRole('listitem').filter({ hasText: 'Names the baby first.' }).waitFor();

    // Both readers submit, far apart: the third reader opens the response.
    await scoring.submit(grader1, code, sheet(criterionIds, 1));
    await scoring.submit(grader2, code, sheet(criterionIds, 4));
    const third = await open('grader3@demo.test', code);
    await third.getByRole('heading', { name: 'First reading’s annotations' }).waitFor();
    await third.getByRole('heading', { name: 'Second reading’s annotations' }).waitFor();
    await third.getByText('Links the behaviour to the relationship.').waitFor();
    await third.getByText('Names the baby first.').waitFor();
    expect(await third.content()).not.toContain('grader1@demo.test');
    await expectNoAxeViolations(third);
  });
});
