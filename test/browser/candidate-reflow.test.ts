import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { CurrentUser } from '@exam/shared/api';
import { associationScope } from '../../server/src/db/association-scope.js';
import { enrolments, sittings, users } from '../../server/src/db/schema/index.js';
import { DEFAULT_ASSOCIATION_ID } from '../../server/src/modules/auth/index.js';
import { authorisationFor } from '../../server/test/helpers/booking-fixture.js';
import {
  expectNoAxeViolations,
  signIn,
  startBrowserHarness,
  type BrowserHarness,
} from '../support/browser-harness.js';
import {
  applyTextSpacing,
  expectNoHorizontalScroll,
  expectNotClipped,
  focusedHiddenBy,
  focusRingCoveredBy,
} from '../support/layout-checks.js';
import { reachPartTwo } from '../support/part-two-pages.js';

/**
 * The candidate's pages at 320 CSS px (WCAG 1.4.10) and with a reader's text spacing (1.4.12),
 * beyond what exam-layout.test.ts covers: nothing pushes the page sideways, and no words are cut;
 * and the sticky status bar never hides what has the keyboard focus (2.4.11).
 */
let harness: BrowserHarness;
const DAY = 86_400_000;

async function userOf(email: string): Promise<CurrentUser> {
  const [row] = await harness.database.db.select().from(users).where(eq(users.email, email));
  return { id: row!.id, email, roles: [], memberships: [] } as unknown as CurrentUser;
}

/** A sitting open for booking, as booking.test.ts makes one, and an authorised applicant. */
async function bookableSitting(name: string, applicant: string): Promise<void> {
  const startsAt = new Date(Date.now() + 30 * DAY);
  const [row] = await harness.database.db
    .insert(sittings)
    .values({ associationId: DEFAULT_ASSOCIATION_ID, name, status: 'scheduled', startsAt })
    .returning({ id: sittings.id });
  const scope = associationScope(DEFAULT_ASSOCIATION_ID);
  await harness.app.bookings.seats.configure(
    await userOf('coordinator@demo.test'),
    scope,
    row!.id,
    {
      capacity: 20,
      bookingOpensAt: new Date(Date.now() - DAY).toISOString(),
      bookingClosesAt: new Date(startsAt.getTime() - 7 * DAY).toISOString(),
      cancelCutoffAt: new Date(startsAt.getTime() - 2 * DAY).toISOString(),
    },
  );
  const person = await userOf(applicant);
  await harness.database.db.transaction((tx) =>
    harness.app.bookings.authorisations.grantAuthorisation(tx, authorisationFor(person.id)),
  );
}

beforeAll(async () => {
  harness = await startBrowserHarness();
  await bookableSitting('Spring booking sitting', 'applicant@demo.test');
});
afterAll(async () => {
  await harness?.close();
});

const NARROW = { width: 320, height: 256 };

describe('the candidate pages at 320 px and with text spacing', () => {
  it('My exam: the page does not scroll sideways; the table of sittings scrolls in its own box', async () => {
    const { page, problems } = await harness.newPage();
    await signIn(page, 'applicant@demo.test');
    await page.setViewportSize(NARROW);
    await page.goto('/my-exam');
    const table = page.getByRole('table');
    await table.getByRole('button', { name: 'Book a seat in Spring booking sitting' }).waitFor();
    await expectNoHorizontalScroll(page);
    const scrolls = await table.evaluate((element) => element.scrollWidth > element.clientWidth);
    expect(scrolls, 'the table keeps its columns and scrolls in its box').toBe(true);
    await applyTextSpacing(page);
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
  });

  it('the lobby, Part One and Part Two with text spacing: nothing wider than the screen, the status bar whole', async () => {
    const { page, context, problems } = await harness.newPage();
    await signIn(page, 'mentor.research@demo.test');
    await page.setViewportSize(NARROW);
    await page.goto('/exam');
    await page.getByRole('button', { name: 'Start Part One' }).waitFor();
    await applyTextSpacing(page);
    await expectNoHorizontalScroll(page);

    await page.getByRole('button', { name: 'Start Part One' }).click();
    await page.getByRole('heading', { name: 'Question 1 of 60' }).waitFor();
    await applyTextSpacing(page);
    await expectNoHorizontalScroll(page);
    await expectNotClipped(page.locator('.save-short'));
    // Offline, the few words say what waits and why; with wider letters they still fit.
    await context.setOffline(true);
    for (const row of (await page.locator('label.option').all()).slice(0, 3)) {
      await row.locator('input').check();
    }
    await expect.poll(() => page.locator('.save-short').textContent()).toBe('3 unsaved, offline');
    await expectNotClipped(page.locator('.save-short'));
    await context.setOffline(false);
    await expect.poll(() => page.locator('.save-short').textContent()).toBe('All saved');

    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: 'Review and submit' }).click();
    await page.getByRole('button', { name: 'Submit Part One…' }).click();
    await page.getByRole('button', { name: 'Yes, submit Part One' }).click();
    await page.setViewportSize(NARROW);
    await page.getByRole('button', { name: 'Start Part Two' }).waitFor();
    await expectNoHorizontalScroll(page);
    await page.getByRole('button', { name: 'Start Part Two' }).click();
    await page.getByRole('tablist', { name: 'Vignettes' }).waitFor();
    await page.setViewportSize(NARROW);
    await applyTextSpacing(page);
    await expectNoHorizontalScroll(page);
    await expectNotClipped(page.locator('.save-short'));
    expect(problems).toEqual([]);
  });

  it('Part Two at 320 px: tabbing backwards up the page, the sticky status bar never hides the focus', async () => {
    const { page, problems } = await harness.newPage();
    await signIn(page, 'mentor.policy@demo.test');
    await reachPartTwo(page);
    await page.setViewportSize(NARROW);
    await page.getByRole('button', { name: 'Sign out…' }).focus();
    const hidden: string[] = [];
    for (let press = 0; press < 40; press += 1) {
      await page.keyboard.press('Shift+Tab');
      if ((await focusedHiddenBy(page, '.exam-status')) > 0.5) {
        hidden.push(
          await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 80) ?? ''),
        );
      }
    }
    expect(hidden, 'focused while mostly under the status bar').toEqual([]);
    expect(problems).toEqual([]);
  });
});

/** Two animation frames: the key's focus change, React's commit and its layout are all in. */
const settled = (page: Page) =>
  page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
  );

describe('Part One at 200% zoom', () => {
  it('tabbing and arrowing through the options, the sticky status bar covers no part of the focus ring', async () => {
    // 1280×800 at 200%: 640×400 CSS px on a screen of twice the density.
    const context = await harness.browser.newContext({
      baseURL: harness.baseUrl,
      viewport: { width: 640, height: 400 },
      deviceScaleFactor: 2,
    });
    try {
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      await signIn(page, 'candidate@demo.test');
      await page.goto('/exam');
      await page.getByRole('button', { name: 'Start Part One' }).click();
      const covered: string[] = [];
      const check = async (step: string) => {
        await settled(page);
        const { covered: px, what } = await focusRingCoveredBy(page, '.exam-status');
        if (px > 0) covered.push(`${step}: ${px} px of ${what}`);
      };
      const press = async (key: string, step: string) => {
        await page.keyboard.press(key);
        await check(`${step} ${key}`);
      };
      const onRadio = () =>
        page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type === 'radio');

      // Options of one, two and three lines at this width.
      for (const position of [1, 2, 3, 4]) {
        const step = `question ${position}`;
        if (position > 1) await page.getByRole('button', { name: 'Next' }).click();
        await page.getByRole('heading', { name: `Question ${position} of 60` }).waitFor();
        // The candidate has read down the question: the first option's row is partly under the
        // bar, the heading still focused. Tab goes down into the options.
        await page.evaluate(() => {
          const bar = document.querySelector('.exam-status')!.getBoundingClientRect();
          const row = document.querySelector('label.option')!.getBoundingClientRect();
          window.scrollBy(0, row.top - (bar.bottom - 20));
          document.querySelector<HTMLElement>('.question h2')!.focus({ preventScroll: true });
        });
        await press('Tab', step);
        expect(await onRadio(), `${step}: Tab goes to the options`).toBe(true);
        for (let i = 0; i < 3; i += 1) await press('ArrowDown', step);
        // On past the last option's strike button to the flag, then back up every strike button
        // and into the options, and up through them.
        for (let i = 0; i < 2; i += 1) await press('Tab', step);
        for (let i = 0; i < 6 && !(await onRadio()); i += 1) await press('Shift+Tab', step);
        expect(await onRadio(), `${step}: Shift+Tab comes back to the options`).toBe(true);
        for (let i = 0; i < 3; i += 1) await press('ArrowUp', step);
      }
      expect(covered, 'focus ring partly under the status bar').toEqual([]);
      await expectNoAxeViolations(page);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('changes the server refused', () => {
  it('at 320 px: the count and each distinct reason, listed once, folded by keyboard', async () => {
    const reasons = [
      'Part One is closed; this change was not saved.',
      'That question is not in your exam; this change was not saved.',
    ];
    const { page, problems } = await harness.newPage();
    // The server's acknowledgements of answers come back as refusals, two reasons by turns.
    await page.routeWebSocket(/\/ws\/exam$/, (ws) => {
      const server = ws.connectToServer();
      server.onMessage((frame) => {
        const message = JSON.parse(String(frame)) as { type: string; seq: number };
        if (message.type !== 'answer.ack') return ws.send(frame);
        ws.send(
          JSON.stringify({
            ...message,
            type: 'answer.rejected',
            code: 'PART_CLOSED',
            message: reasons[message.seq % 2],
          }),
        );
      });
    });
    // The demo keeps this candidate in the lobby for the proctor to admit; here we admit them.
    const email = 'mentor.clinical@demo.test';
    const [user] = await harness.database.db.select().from(users).where(eq(users.email, email));
    await harness.database.db
      .update(enrolments)
      .set({ admittedAt: new Date() })
      .where(eq(enrolments.candidateId, user!.id));
    await signIn(page, email);
    await page.setViewportSize(NARROW);
    await page.goto('/exam');
    await page.getByRole('button', { name: 'Start Part One' }).click();
    await page.getByRole('heading', { name: 'Question 1 of 60' }).waitFor();
    for (const row of (await page.locator('label.option').all()).slice(0, 3)) {
      await row.locator('input').check();
    }
    const list = page.getByTestId('not-saved');
    await expect
      .poll(() => list.locator('summary').textContent())
      .toBe('3 changes could not be saved');
    // Answers 1 and 3 were refused for one reason, 2 for the other: most recent first.
    expect(await list.getByRole('listitem').allTextContents()).toEqual([reasons[1], reasons[0]]);
    expect(await page.locator('.save-short').textContent()).toBe('3 not saved');
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page);

    // Just above the question: the candidate folds it away by keyboard, and opens it again.
    const summary = list.locator('summary');
    const focused = () => summary.evaluate((element) => element === document.activeElement);
    for (let press = 0; press < 10 && !(await focused()); press += 1) {
      await page.keyboard.press('Shift+Tab');
    }
    expect(await focused(), 'Shift+Tab from the options reaches the list').toBe(true);
    await page.keyboard.press('Enter');
    expect(await list.getAttribute('open')).toBeNull();
    await page.keyboard.press('Enter');
    expect(await list.getAttribute('open')).toBe('');
    expect(problems).toEqual([]);
  });
});
