import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { loadCurrentResponses } from '../../server/src/modules/delivery/part-two.repo.js';
import {
  attemptEvents,
  attempts,
  enrolments,
  users,
  vignetteChoices,
} from '../../server/src/db/schema/index.js';
import {
  expectNoAxeViolations,
  startBrowserHarness,
  tabTo,
  type BrowserHarness,
} from '../support/browser-harness.js';
import {
  editor,
  indicator,
  openVignette,
  outboxTexts,
  pasteInto,
  reachPartTwo,
  signIn,
  textNodes,
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

/** The response as stored: the last whole draft with the patches acknowledged since. */
async function storedDoc(email: string, vignette: number): Promise<DocNode | undefined> {
  const rows = await loadCurrentResponses(harness.database.db, await attemptOf(email));
  return rows.find((row) => row.vignette === vignette)?.doc as DocNode | undefined;
}

const hasFocus = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);

describe('the Part Two editor in the browser', () => {
  it('works by keyboard: tabs, the formatting toolbar and the choice; pasting keeps only the text', async () => {
    const email = 'mentor.clinical@demo.test';
    // The demo keeps this candidate in the lobby for the proctor to admit; here we admit them.
    const [user] = await harness.database.db.select().from(users).where(eq(users.email, email));
    await harness.database.db
      .update(enrolments)
      .set({ admittedAt: new Date() })
      .where(eq(enrolments.candidateId, user!.id));
    const { page, problems } = await harness.newPage();
    // What the page sends on the exam socket: formatting goes to the server as editor steps.
    const sentTypes: string[] = [];
    page.on('websocket', (ws) =>
      ws.on('framesent', ({ payload }) => {
        sentTypes.push((JSON.parse(String(payload)) as { type: string }).type);
      }),
    );
    await signIn(page, email);
    await reachPartTwo(page);

    // The vignette tabs: one Tab stop, arrow keys move between them.
    const firstTab = page.getByRole('tab', { name: /^Vignette 1\b/ });
    await tabTo(page, firstTab);
    await page.keyboard.press('ArrowRight');
    expect(
      await page.getByRole('tab', { name: /^Vignette 2\b/ }).getAttribute('aria-selected'),
    ).toBe('true');
    await page.keyboard.press('ArrowLeft');

    // Tab on to the choice, then the toolbar, then the editor.
    await tabTo(page, page.getByRole('tabpanel').getByLabel('Answer this vignette'));
    await page.keyboard.press('Space');
    const toolbar = page.getByRole('toolbar', { name: 'Formatting for vignette 1' });
    const bold = toolbar.getByRole('button', { name: 'Bold' });
    await page.keyboard.press('Tab');
    expect(await hasFocus(bold)).toBe(true);
    await page.keyboard.press('Tab');
    expect(await hasFocus(editor(page, 1))).toBe(true);
    await page.keyboard.type('Plain start, ');

    // Back to the toolbar: Bold on (focus returns to the editor), type, Bold off.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    expect(await bold.getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.type('strong words');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    expect(await bold.getAttribute('aria-pressed')).toBe('false');
    await page.keyboard.type(' then plain.');
    await page.keyboard.press('Enter');

    // Arrow keys move along the toolbar and wrap; End and Home jump.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('ArrowLeft');
    const redo = toolbar.getByRole('button', { name: 'Redo' });
    expect(await hasFocus(redo)).toBe(true);
    expect(await redo.getAttribute('aria-disabled')).toBe('true');
    await page.keyboard.press('Home');
    for (let i = 0; i < 5; i += 1) await page.keyboard.press('ArrowRight');
    const numbered = toolbar.getByRole('button', { name: 'Numbered list' });
    expect(await hasFocus(numbered)).toBe(true);
    await page.keyboard.press('Enter');
    expect(await numbered.getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.type('A numbered point');
    // Enter twice leaves the list.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await expectNoAxeViolations(page);

    // Paste rich text under the demo sitting's plain-text policy: only the words arrive.
    await pasteInto(page, 1, {
      text: 'Pasted words',
      html: '<p><strong>Pasted</strong> words</p>',
    });
    await editor(page, 1).blur();
    await expect.poll(() => indicator(page).textContent()).toMatch(/^All answers saved/);

    // One whole draft starts the chain; typing, bold, the list and the paste follow as patches
    // (how many frames they fill depends on the 200 ms batching and the machine's load, so only
    // that they went as patches is checked here; the stored document below checks every change).
    expect(sentTypes.filter((type) => type === 'draft.save')).toHaveLength(1);
    expect(sentTypes.filter((type) => type === 'draft.patch').length).toBeGreaterThanOrEqual(1);
    const attemptId = await attemptOf(email);
    const doc = await storedDoc(email, 1);
    expect(textNodes(doc).map((node) => [node.text, node.marks?.map((m) => m.type) ?? []])).toEqual(
      [
        ['Plain start, ', []],
        ['strong words', ['bold']],
        [' then plain.', []],
        ['A numbered point', []],
        ['Pasted words', []],
      ],
    );
    expect(doc?.content?.map((block) => block.type)).toEqual([
      'paragraph',
      'orderedList',
      'paragraph',
    ]);
    const pastes = await harness.database.db
      .select()
      .from(attemptEvents)
      .where(and(eq(attemptEvents.attemptId, attemptId), eq(attemptEvents.type, 'paste')));
    expect(pastes.map((event) => event.details)).toEqual([
      expect.objectContaining({ vignette: 1, chars: 12, outcome: 'plain-text' }),
    ]);
    const [choice] = await harness.database.db
      .select()
      .from(vignetteChoices)
      .where(eq(vignetteChoices.attemptId, attemptId));
    expect(choice?.chosen).toEqual([1]);
    expect(problems).toEqual([]);
  });

  it('keeps a response too long to save on the device, says so, and saves again once shortened', async () => {
    const email = 'candidate@demo.test';
    const { page, problems } = await harness.newPage();
    await signIn(page, email);
    await reachPartTwo(page);
    await typeInto(page, 1, 'A response that saves.');
    await openVignette(page, 3);
    await editor(page, 3).click();
    const huge = 'word '.repeat(120_000).trim();
    await pasteInto(page, 3, { text: huge });
    await editor(page, 3).blur();

    await expect
      .poll(() => indicator(page).textContent())
      .toBe(
        'Not saved: your response to vignette 3 cannot be saved as it is – your text is kept on this device',
      );
    await expect
      .poll(async () =>
        (await page.getByRole('tabpanel').getByRole('alert').allTextContents()).join(' '),
      )
      .toMatch(
        /Your response to vignette 3 is too long to save \(\d+ KB; the limit is 512 KB\)\. Shorten it to save it; until then your latest text is kept only on this device\./,
      );
    expect((await outboxTexts(page))[3]).toBe(huge);
    // The socket was never cut for it: the other response saved.
    expect(textOf(await storedDoc(email, 1))).toBe('A response that saves.');
    expect(await storedDoc(email, 3)).toBeUndefined();
    await expectNoAxeViolations(page);

    // Undo the paste: the shortened response saves, and the indicator says so.
    await editor(page, 3).click();
    await page.keyboard.press('Control+z');
    await page.keyboard.type('Shorter.');
    await editor(page, 3).blur();
    await expect.poll(() => indicator(page).textContent()).toMatch(/^All answers saved/);
    expect(textOf(await storedDoc(email, 3))).toBe('Shorter.');
    expect(problems).toEqual([]);
  });

  it('shows the case beside the response on wide screens and above it on narrow ones', async () => {
    const { page } = await harness.newPage();
    await signIn(page, 'mentor.research@demo.test');
    await reachPartTwo(page);
    const panel = page.getByRole('tabpanel');
    const boxes = async () => {
      const caseBox = await panel.locator('.vignette-case').boundingBox();
      const responseBox = await panel.locator('.vignette-response').boundingBox();
      return { caseBox: caseBox!, responseBox: responseBox! };
    };
    await page.setViewportSize({ width: 1280, height: 800 });
    const wide = await boxes();
    expect(wide.responseBox.x).toBeGreaterThanOrEqual(wide.caseBox.x + wide.caseBox.width);
    await page.setViewportSize({ width: 390, height: 844 });
    const narrow = await boxes();
    expect(narrow.responseBox.y).toBeGreaterThanOrEqual(narrow.caseBox.y + narrow.caseBox.height);
    await expectNoAxeViolations(page);
  });
});
