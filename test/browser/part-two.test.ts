import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attemptParts,
  attempts,
  responses,
  users,
  vignetteChoices,
} from '../../server/src/db/schema/index.js';
import {
  expectNoAxeViolations,
  startBrowserHarness,
  type BrowserHarness,
} from '../support/browser-harness.js';
import {
  editor,
  focused,
  indicator,
  openVignette,
  reachPartTwo,
  setChosen,
  signIn,
  textOf,
  typeInto,
  type DocNode,
} from '../support/part-two-pages.js';

let harness: BrowserHarness;
beforeAll(async () => {
  harness = await startBrowserHarness();
});
afterAll(async () => {
  await harness?.close();
});

async function attemptOf(email: string) {
  const { db } = harness.database;
  const [user] = await db.select().from(users).where(eq(users.email, email));
  const [attempt] = await db.select().from(attempts).where(eq(attempts.candidateId, user!.id));
  return attempt!.id;
}

async function storedTexts(email: string): Promise<Record<number, string>> {
  const rows = await harness.database.db
    .select()
    .from(responses)
    .where(eq(responses.attemptId, await attemptOf(email)));
  return Object.fromEntries(rows.map((row) => [row.vignette, textOf(row.doc as DocNode)]));
}

const demoCandidates = [
  { email: 'candidate@demo.test', variant: 'Clinical (Specialist)', set: /^Part Two: Clinical/ },
  { email: 'mentor.policy@demo.test', variant: 'Policy', set: /^Part Two: Policy/ },
  { email: 'mentor.research@demo.test', variant: 'Research/Faculty', set: /^Part Two: Research/ },
];

describe('Part Two in the browser', () => {
  for (const { email, variant, set } of demoCandidates) {
    it(`${variant}: writes, chooses and submits through a network cut and a closed tab, losing nothing`, async () => {
      const { page: firstPage, context, problems } = await harness.newPage();
      let page = firstPage;
      let socketCut = false;
      await context.routeWebSocket(/\/ws\/exam$/, async (ws) => {
        if (socketCut) await ws.close({ code: 4503, reason: 'network cut (test)' });
        else ws.connectToServer();
      });

      await signIn(page, email);
      await reachPartTwo(page);
      await page.getByRole('heading', { level: 2, name: set }).waitFor();
      await expectNoAxeViolations(page);

      const first = 'The first thing I notice is the relationship.\nThen I would ask.';
      const second = 'A second response, in its own words.';
      await typeInto(page, 1, first);
      await typeInto(page, 2, second);
      await setChosen(page, 1, true);
      await setChosen(page, 2, true);
      await expect.poll(() => indicator(page).textContent()).toMatch(/^All answers saved/);
      expect(await storedTexts(email)).toEqual({ 1: first, 2: second });

      // Cut the network and keep typing in both vignettes.
      socketCut = true;
      await context.setOffline(true);
      await typeInto(page, 1, '\nWritten while offline.');
      await typeInto(page, 2, ' Still offline, still typing.');
      const firstMore = `${first}\nWritten while offline.`;
      const secondMore = `${second} Still offline, still typing.`;
      // Switching vignette kept the first at once; the second waits for a second of quiet.
      await expect
        .poll(() => indicator(page).textContent())
        .toMatch(/^2 changes waiting to save – you are offline/);

      // Close the tab at once, inside that second, while the exam socket is still unreachable:
      // the page going away keeps the draft on the device, and the outbox is all there is.
      await context.setOffline(false);
      await page.close();
      page = await context.newPage();
      await page.goto('/exam');
      await expect
        .poll(() => indicator(page).textContent())
        .toMatch(/^2 changes waiting to save – reconnecting/);

      // The network returns: the drafts are replayed, stored and shown.
      socketCut = false;
      await expect
        .poll(() => indicator(page).textContent(), { timeout: 30_000 })
        .toMatch(/^All answers saved – /);
      expect(await storedTexts(email)).toEqual({ 1: firstMore, 2: secondMore });
      await openVignette(page, 1);
      expect(await editor(page, 1).locator('p').allInnerTexts()).toEqual(firstMore.split('\n'));

      // Submitting with one vignette chosen is stopped, with the reason.
      await setChosen(page, 2, false);
      await page.getByRole('button', { name: 'Review and submit' }).click();
      await page.getByRole('heading', { name: 'Review Part Two' }).waitFor();
      await expectNoAxeViolations(page);
      await page.getByRole('button', { name: 'Submit Part Two…' }).click();
      await expect
        .poll(() => page.getByRole('alert').filter({ hasText: 'Choose exactly' }).textContent())
        .toBe('Choose exactly 2 vignettes to answer before submitting. You have chosen 1.');
      expect(await page.getByRole('button', { name: 'Yes, submit Part Two' }).count()).toBe(0);

      // Choose two and submit.
      await page.getByRole('button', { name: 'Back to vignettes' }).click();
      await setChosen(page, 2, true);
      await page.getByRole('button', { name: 'Review and submit' }).click();
      await page.getByRole('button', { name: 'Submit Part Two…' }).click();
      await page.getByRole('button', { name: 'Yes, submit Part Two' }).click();
      await page.getByRole('heading', { name: 'Part Two submitted' }).waitFor();
      // The confirmation's button is gone: focus is on the outcome, not dropped to the body.
      await expect.poll(() => focused(page)).toBe('H2 Part Two submitted');
      await expectNoAxeViolations(page);

      const attemptId = await attemptOf(email);
      const { db } = harness.database;
      const [choice] = await db
        .select()
        .from(vignetteChoices)
        .where(eq(vignetteChoices.attemptId, attemptId));
      expect(choice?.chosen).toEqual([1, 2]);
      const [part] = await db
        .select()
        .from(attemptParts)
        .where(and(eq(attemptParts.attemptId, attemptId), eq(attemptParts.part, 2)));
      expect(part?.closedStatus).toBe('submitted');
      expect(problems).toEqual([]);
    });
  }
});
