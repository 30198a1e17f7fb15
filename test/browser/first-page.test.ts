import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectNoAxeViolations,
  signIn,
  startBrowserHarness,
  type BrowserHarness,
} from '../support/browser-harness.js';

let harness: BrowserHarness;
beforeAll(async () => {
  harness = await startBrowserHarness();
});
afterAll(async () => {
  await harness?.close();
});

const staffChunk =
  /\/assets\/(?:admin|analysis|coordinator|grading|proctoring|results|setup|standard-setting)-/;
const editorChunk = /\/assets\/PartTwoSection-[^/]*\.js$/;

describe("the candidate's first page", () => {
  it('fetches no staff console, and the editor only once Part One runs; Part Two then opens offline', async () => {
    const { page } = await harness.newPage();
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });

    await signIn(page, 'candidate@demo.test');
    await page.goto('/exam');
    const start = page.getByRole('button', { name: 'Start Part One' });
    await start.waitFor();
    await expectNoAxeViolations(page);
    expect(scripts.filter((path) => editorChunk.test(path))).toEqual([]);

    const editorFetched = page.waitForResponse((response) =>
      editorChunk.test(new URL(response.url()).pathname),
    );
    await start.click();
    await page.getByRole('heading', { name: 'Question 1 of 60' }).waitFor();
    expect((await editorFetched).ok()).toBe(true);
    expect(scripts.filter((path) => staffChunk.test(path))).toEqual([]);

    // No more files from the server from here on; the exam socket stays up.
    await page.route('**/assets/**', (route) => route.abort('internetdisconnected'));
    await page.getByRole('button', { name: 'Review and submit' }).click();
    await page.getByRole('button', { name: 'Submit Part One…' }).click();
    await page.getByRole('button', { name: 'Yes, submit Part One' }).click();
    await page.getByRole('button', { name: 'Start Part Two' }).click();
    await page.getByRole('tablist', { name: 'Vignettes' }).waitFor();
    await page.getByRole('textbox', { name: 'Your response to vignette 1' }).waitFor();
    await expectNoAxeViolations(page);
    expect(scripts.filter((path) => staffChunk.test(path))).toEqual([]);
  });
});
