import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoRubrics } from '../../server/src/seed/content/rubrics.js';
import { sitExam, userIdOf } from '../../server/test/helpers/grading-fixture.js';
import {
  expectNoAxeViolations,
  signIn,
  startBrowserHarness,
  tabTo,
  type BrowserHarness,
} from '../support/browser-harness.js';

let harness: BrowserHarness;
const [criterion] = demoRubrics.clinical.criteria;
const BANKED = 'Links the child’s behaviour to the relationship with the caregiver.';

beforeAll(async () => {
  harness = await startBrowserHarness();
  await sitExam(harness.app, harness.database.db, 'candidate@demo.test', {
    responses: { 1: 'A response about feeding.', 2: 'A response about sleep.' },
    chosen: [1, 2],
  });
});
afterAll(async () => {
  await harness?.close();
});

describe('the feedback comment bank', () => {
  it('a chief grader adds a comment; a grader inserts it at that level and adapts it', async () => {
    const { page: chief } = await harness.newPage();
    await signIn(chief, 'chief.grader@demo.test');
    await chief.getByRole('link', { name: 'Comment bank' }).first().click();
    await chief.getByRole('heading', { level: 1, name: 'Comment bank' }).waitFor();
    await chief.getByText('The bank is empty.').waitFor();
    await expectNoAxeViolations(chief);
    await tabTo(chief, chief.getByLabel('Domain', { exact: true }));
    await chief.getByLabel('Domain', { exact: true }).selectOption(criterion!.domain);
    await chief.getByLabel('Level', { exact: true }).selectOption('3');
    await tabTo(chief, chief.getByLabel('Comment', { exact: true }));
    await chief.keyboard.type(BANKED);
    await tabTo(chief, chief.getByRole('button', { name: 'Add the comment' }));
    await chief.keyboard.press('Enter');
    await chief.getByRole('status').filter({ hasText: 'Added a comment' }).waitFor();
    await chief.getByRole('form', { name: /^Comment: / }).waitFor();
    await expectNoAxeViolations(chief);

    const grader1 = await userIdOf(harness.database.db, 'grader1@demo.test');
    const [entry] = (await harness.app.grading.scoring.queue(grader1)).entries;
    const { page } = await harness.newPage();
    await signIn(page, 'grader1@demo.test');
    await page.goto(`/grading/${entry!.code}`);
    await page.getByRole('heading', { level: 1, name: `Response ${entry!.code}` }).waitFor();
    const group = page.getByRole('group', { name: new RegExp(`^${criterion!.title}`) });
    // No level yet: nothing offered. Level 3: the banked comment.
    const picker = page.getByLabel(`Comment bank for ${criterion!.title} at level 3`);
    expect(await picker.count()).toBe(0);
    await group.getByRole('radio', { name: /^3 / }).check();
    await picker.waitFor();
    await expectNoAxeViolations(page);
    const insert = page.getByRole('button', {
      name: `Insert into the evidence for ${criterion!.title}`,
    });
    await tabTo(page, insert, 80);
    await page.keyboard.press('Enter');
    const evidence = page.getByLabel(`Evidence for ${criterion!.title}`);
    await expect.poll(() => evidence.inputValue()).toBe(BANKED);
    // Focus went to the evidence: the grader adapts the inserted text there.
    expect(await evidence.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type(' Here: the feeding routine.');
    expect(await evidence.inputValue()).toBe(`${BANKED} Here: the feeding routine.`);

    // Retired: no longer offered.
    const edit = chief.getByRole('form', { name: /^Comment: / });
    await edit.getByRole('checkbox').uncheck();
    await edit.getByRole('button').click();
    await chief.getByRole('status').filter({ hasText: 'retired' }).waitFor();
    // Wait for the sheet's read of the bank, so "not offered" is not just "not loaded yet".
    const bankRead = page.waitForResponse((r) => r.url().endsWith('/api/grading/comment-bank'));
    await page.reload();
    expect((await (await bankRead).json()).comments).toEqual([]);
    await page.getByRole('heading', { level: 1, name: `Response ${entry!.code}` }).waitFor();
    await group.getByRole('radio', { name: /^3 / }).check();
    await page.getByLabel(`Evidence for ${criterion!.title}`).waitFor();
    expect(await picker.count()).toBe(0);
  });
});
