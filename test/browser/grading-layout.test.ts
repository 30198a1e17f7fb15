import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { sitExam } from '../../server/test/helpers/grading-fixture.js';
import {
  expectNoAxeViolations,
  signIn,
  startBrowserHarness,
  type BrowserHarness,
} from '../support/browser-harness.js';
import { boxOf, expectNoHorizontalScroll } from '../support/layout-checks.js';

/**
 * Issue 15 item 9: a grader meets the candidate's response first, with the case collapsible and
 * the rubric beside it, each in a pane that scrolls by itself at 1280×800; at 200% the panes
 * stack in the same order and the page reflows.
 */
let harness: BrowserHarness;
beforeAll(async () => {
  harness = await startBrowserHarness();
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

const panes = (page: Page) => ({
  response: page.getByRole('region', { name: /^The response \(\d+ words\)$/ }),
  case: page.getByRole('region', { name: 'The case and its prompts' }),
  rubric: page.locator('.scoring-rubric'),
});

const scrollTopOf = (locator: Locator) => locator.evaluate((element) => element.scrollTop);

async function openFirstResponse(page: Page): Promise<void> {
  await page.goto('/grading');
  const queue = page.getByRole('table', { name: 'Responses in your queue' });
  const code = await queue.getByRole('rowheader').first().textContent();
  await page.goto(`/grading/${code}`);
  await page.getByRole('heading', { level: 1, name: `Response ${code}` }).waitFor();
  await panes(page).response.waitFor();
}

describe('the scoring page', () => {
  it('at 1280×800: response first, case collapsible below it, rubric beside; each pane scrolls by itself', async () => {
    const { page, problems } = await harness.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await signIn(page, 'grader1@demo.test');
    await openFirstResponse(page);
    const { response, case: casePane, rubric } = panes(page);

    // The answer is on the first screen, before the case; the rubric is beside it.
    const [r, c, s] = [await boxOf(response), await boxOf(casePane), await boxOf(rubric)];
    expect(r.y + 40).toBeLessThan(800);
    expect(await page.locator('.response-text').isVisible()).toBe(true);
    expect(r.y).toBeLessThan(c.y);
    expect(s.x).toBeGreaterThan(r.x + r.width - 1);
    expect(s.y).toBeLessThan(r.y + 1);
    // The whole layout fits the window's height: nothing of it needs the page to scroll far.
    expect(c.y + c.height).toBeLessThanOrEqual(800 + (await page.evaluate(() => window.scrollY)));
    await expectNoAxeViolations(page);

    // The rubric scrolls inside its pane; the response and the page stay where they are.
    const pageScroll = await page.evaluate(() => window.scrollY);
    expect(await rubric.evaluate((e) => e.scrollHeight > e.clientHeight)).toBe(true);
    await rubric.hover();
    await page.mouse.wheel(0, 600);
    await expect.poll(() => scrollTopOf(rubric)).toBeGreaterThan(0);
    expect(await scrollTopOf(response)).toBe(0);
    expect(await scrollTopOf(casePane)).toBe(0);
    expect(await page.evaluate(() => window.scrollY)).toBe(pageScroll);

    // The case scrolls on its own too, and the keyboard can reach it to scroll it.
    expect(await casePane.evaluate((e) => e.scrollHeight > e.clientHeight)).toBe(true);
    const rubricAt = await scrollTopOf(rubric);
    await casePane.focus();
    await page.keyboard.press('End');
    await expect.poll(() => scrollTopOf(casePane)).toBeGreaterThan(0);
    expect(await scrollTopOf(rubric)).toBe(rubricAt);

    // Collapsing the case gives its room to the response.
    const toggle = casePane.getByRole('button', { name: 'The case and its prompts' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('#vignette-heading').isVisible()).toBe(false);
    expect((await boxOf(response)).height).toBeGreaterThan(r.height);
    await expectNoAxeViolations(page);
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await page.locator('#vignette-heading').isVisible()).toBe(true);
    expect(problems).toEqual([]);
  });

  it('at 200%: the panes stack response, case, rubric, and the page reflows', async () => {
    const { page, problems } = await harness.newPage();
    await page.setViewportSize({ width: 640, height: 400 });
    await signIn(page, 'grader1@demo.test');
    await openFirstResponse(page);
    const { response, case: casePane, rubric } = panes(page);
    await expectNoHorizontalScroll(page);
    const [r, c, s] = [await boxOf(response), await boxOf(casePane), await boxOf(rubric)];
    expect(r.y).toBeLessThan(c.y);
    expect(c.y).toBeLessThan(s.y);
    for (const box of [r, c, s]) expect(box.x + box.width).toBeLessThanOrEqual(640);
    // One scroll for the page: no pane traps the wheel in a small box.
    for (const pane of [response, casePane, rubric]) {
      expect(await pane.evaluate((e) => e.scrollHeight <= e.clientHeight + 1)).toBe(true);
    }
    await expectNoAxeViolations(page);
    await casePane.getByRole('button', { name: 'The case and its prompts' }).click();
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
  });

  it('at 320 px: the queue table scrolls in its own box, not the page, and is still a table', async () => {
    const { page, problems } = await harness.newPage();
    await page.setViewportSize({ width: 320, height: 640 });
    await signIn(page, 'grader1@demo.test');
    await page.goto('/grading');
    const queue = page.getByRole('table', { name: 'Responses in your queue' });
    await queue.getByRole('rowheader').first().waitFor();
    await expectNoHorizontalScroll(page);
    const box = await boxOf(queue);
    expect(box.x + box.width).toBeLessThanOrEqual(320);
    // Wider than the screen, so it scrolls by itself.
    expect(await queue.evaluate((t) => t.scrollWidth > t.clientWidth)).toBe(true);
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
  });
});
