import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  answerSaves,
  answers,
  attemptParts,
  attempts,
  enrolments,
  lateChanges,
  users,
} from '../../server/src/db/schema/index.js';
import { optionOrder } from '../../server/src/modules/delivery/index.js';
import {
  expectNoAxeViolations,
  startBrowserHarness,
  type BrowserHarness,
  signIn,
} from '../support/browser-harness.js';
import { OffsetClock } from '../support/offset-clock.js';
import { editor, reachPartTwo } from '../support/part-two-pages.js';

/**
 * Issue 24 items 1 and 2 in the browser, against the real server (and PostgreSQL when
 * TEST_DATABASE_URL is set). The server's clock is moved (OffsetClock) instead of waiting 90
 * minutes; the browser follows it through the skew it measures, as the product does.
 */
const clock = new OffsetClock();
let harness: BrowserHarness;
beforeAll(async () => {
  harness = await startBrowserHarness({
    clock,
    // A moved clock is not a server outage to credit; a wide grace keeps the click at 0:01
    // on a screen whose part the sweeper has not closed yet.
    env: { OUTAGE_THRESHOLD_MS: String(24 * 3600_000), SAVE_GRACE_MS: '15000' },
  });
});
afterAll(async () => {
  await harness?.close();
});

async function answer(page: Page, position: number, letter: 'A' | 'B' | 'C' | 'D') {
  await page.getByRole('button', { name: new RegExp(`^Question ${position},`) }).click();
  await page.getByRole('heading', { name: `Question ${position} of 60` }).waitFor();
  await page
    .locator('label.option', { hasText: `${letter}.` })
    .locator('input')
    .check();
}

const indicator = (page: Page) => page.getByTestId('save-indicator');

/** The answer saves kept in this device's IndexedDB outbox. */
function outboxSaves(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('exam-outbox');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const count = db.transaction('saves').objectStore('saves').count();
          count.onsuccess = () => {
            resolve(count.result);
            db.close();
          };
          count.onerror = () => reject(count.error);
        };
      }),
  );
}

async function attemptOf(email: string) {
  const { db } = harness.database;
  const [user] = await db.select().from(users).where(eq(users.email, email));
  const [attempt] = await db.select().from(attempts).where(eq(attempts.candidateId, user!.id));
  const [part] = await db
    .select()
    .from(attemptParts)
    .where(and(eq(attemptParts.attemptId, attempt!.id), eq(attemptParts.part, 1)));
  return { attempt: attempt!, part: part! };
}

/** Whether a held answer is right, by the attempt's option order and the item's key. */
async function isRight(attemptId: string, position: number, choice: number) {
  const context = await harness.app.exam.delivery.loadContext(attemptId);
  const item = context.items.find((i) => i.position === position)!;
  return optionOrder(context.optionSeed, position)[choice] === item.keyIndex;
}

describe('late changes in the browser', () => {
  it('holds three answers made offline before the deadline; the proctor accepts one and declines one; the score follows exactly', async () => {
    const { page, context } = await harness.newPage();
    let socketCut = false;
    await page.routeWebSocket(/\/ws\/exam$/, async (ws) => {
      if (socketCut) await ws.close({ code: 4503, reason: 'network cut (test)' });
      else ws.connectToServer();
    });
    await signIn(page, 'candidate@demo.test');
    await page.goto('/exam');
    await page.getByRole('button', { name: 'Start Part One' }).click();
    await page.getByRole('heading', { name: 'Question 1 of 60' }).waitFor();
    await answer(page, 1, 'A');
    await expect
      .poll(() => indicator(page).textContent(), { timeout: 5000 })
      .toMatch(/^All answers saved/);

    // A minute before the deadline (the next acknowledgement brings the screen's clock along).
    const { attempt, part } = await attemptOf('candidate@demo.test');
    const deadline = part.deadlineAt!.getTime();
    clock.setNow(deadline - 60_000);
    await answer(page, 2, 'B');
    await expect
      .poll(() => indicator(page).textContent(), { timeout: 5000 })
      .toMatch(/^All answers saved/);
    await expect
      .poll(() => page.locator('.exam-clock-time').textContent(), { timeout: 5000 })
      .toMatch(/^0[01]:\d\d$/);

    // The wifi drops; three more answers, all before 0:00.
    socketCut = true;
    await context.setOffline(true);
    await answer(page, 3, 'C');
    await answer(page, 4, 'D');
    await answer(page, 5, 'A');
    await expect
      .poll(() => indicator(page).textContent(), { timeout: 5000 })
      .toMatch(/3 changes waiting to save – you are offline/);
    expect(await outboxSaves(page)).toBe(3);

    // Time runs out on the server (and its grace), which closes Part One meanwhile.
    clock.setNow(deadline + 3 * 60_000);
    await expect
      .poll(async () => (await attemptOf('candidate@demo.test')).part.closedStatus, {
        timeout: 10_000,
      })
      .toBe('expired');
    const scoredAtExpiry = (await attemptOf('candidate@demo.test')).part.result as {
      correct: number;
    };

    // Back online: the three arrive late, are held, and the screen says so; nothing is "saved".
    socketCut = false;
    await context.setOffline(false);
    await expect
      .poll(() => indicator(page).textContent(), { timeout: 30_000 })
      .toBe(
        '3 answers reached us after time ran out; the proctor will decide. They are kept on this device.',
      );
    expect(await indicator(page).textContent()).not.toMatch(/saved/i);
    await page.getByTestId('held-late-changes').waitFor();
    await expectNoAxeViolations(page);
    expect(await outboxSaves(page)).toBe(3);
    const { db } = harness.database;
    const held = await db
      .select()
      .from(lateChanges)
      .where(eq(lateChanges.attemptId, attempt.id))
      .orderBy(lateChanges.position);
    expect(held.map((h) => [h.position, h.status])).toEqual([
      [3, 'held'],
      [4, 'held'],
      [5, 'held'],
    ]);
    expect(held.every((h) => h.clientClaimedAt!.getTime() < deadline)).toBe(true);
    const stored = await db.select().from(answers).where(eq(answers.attemptId, attempt.id));
    expect(stored.map((a) => a.position).sort()).toEqual([1, 2]);

    // The proctor sees the three with their evidence, and decides two.
    const { page: proctor } = await harness.newPage();
    await signIn(proctor, 'proctor@demo.test');
    await proctor.getByRole('main').getByRole('link', { name: 'Proctoring' }).click();
    await proctor.getByRole('link', { name: 'Demo sitting (practice)' }).click();
    const panel = proctor.getByRole('region', { name: 'Changes that arrived after time ran out' });
    await panel.getByText('3 changes wait for a decision').waitFor();
    await expectNoAxeViolations(proctor);
    await panel.getByRole('button', { name: /^Accept Question 3: / }).click();
    let dialog = proctor.getByRole('dialog', { name: 'Accept a late change for Casey Candidate' });
    await dialog.getByLabel('Reason').fill('Venue wifi log shows the drop at 88 minutes');
    await expectNoAxeViolations(proctor);
    await dialog.getByRole('button', { name: 'Accept the change' }).click();
    await panel.getByText('2 changes wait for a decision').waitFor();
    await panel.getByRole('button', { name: /^Decline Question 4: / }).click();
    dialog = proctor.getByRole('dialog', { name: 'Decline a late change for Casey Candidate' });
    await dialog.getByRole('button', { name: 'Decline the change' }).click();
    await dialog.getByText('Reason: Give a reason of at least 3 characters').waitFor();
    await dialog.getByLabel('Reason').fill('Claimed time is after the last contact');
    await dialog.getByRole('button', { name: 'Decline the change' }).click();
    await panel.getByText('1 change waits for a decision').waitFor();
    await panel.getByText(/^Declined by Priya Proctor: Claimed time is after/).waitFor();

    // The score counts the accepted answer and nothing else.
    const q3 = held.find((h) => h.position === 3)!.payload as { choice: number };
    const q3Right = await isRight(attempt.id, 3, q3.choice);
    await expect
      .poll(
        async () => {
          const result = (await attemptOf('candidate@demo.test')).part.result as {
            correct: number;
          };
          return result.correct;
        },
        { timeout: 5000 },
      )
      .toBe(scoredAtExpiry.correct + (q3Right ? 1 : 0));
    const after = await db.select().from(answers).where(eq(answers.attemptId, attempt.id));
    expect(after.map((a) => [a.position, a.choice]).sort()).toEqual(
      [...stored.map((a) => [a.position, a.choice]), [3, q3.choice]].sort(),
    );

    // The candidate's device hears the decisions: only the undecided one stays held and kept.
    await expect
      .poll(() => indicator(page).textContent(), { timeout: 10_000 })
      .toBe(
        '1 answer reached us after time ran out; the proctor will decide. They are kept on this device.',
      );
    expect(await outboxSaves(page)).toBe(1);
    // The coordinator decides the last one from the sitting page.
    const { page: coordinator } = await harness.newPage();
    await signIn(coordinator, 'coordinator@demo.test');
    const [enrolment] = await db
      .select()
      .from(enrolments)
      .where(eq(enrolments.id, attempt.enrolmentId));
    await coordinator.goto(`/coordinator/sittings/${enrolment!.sittingId}`);
    const sittingPanel = coordinator.getByRole('region', {
      name: 'Changes that arrived after time ran out',
    });
    await sittingPanel.getByText('1 change waits for a decision').waitFor();
    await expectNoAxeViolations(coordinator);
    await sittingPanel.getByRole('button', { name: /^Decline Question 5: / }).click();
    const coordinatorDialog = coordinator.getByRole('dialog', {
      name: 'Decline a late change for Casey Candidate',
    });
    await coordinatorDialog.getByLabel('Reason').fill('Made while the candidate was away');
    await coordinatorDialog.getByRole('button', { name: 'Decline the change' }).click();
    await sittingPanel.getByText('0 changes wait for a decision').waitFor();
    await expect
      .poll(() => indicator(page).textContent(), { timeout: 10_000 })
      .not.toMatch(/reached us after time ran out/);
    expect(await outboxSaves(page)).toBe(0);

    // The results page says what became of each.
    await page.goto('/my-results');
    await page.getByText(/Part One, question 3: accepted/).waitFor();
    await page
      .getByText(/Part One, question 4: declined: it does not count \(Claimed time/)
      .waitFor();
    await page
      .getByText(/Part One, question 5: declined: it does not count \(Made while/)
      .waitFor();
    await expectNoAxeViolations(page);
  });

  it('at 0:00 the options turn read-only: a click at 0:01 is neither sent nor shown as chosen', async () => {
    const { page } = await harness.newPage();
    const sent: string[] = [];
    page.on('websocket', (ws) => ws.on('framesent', (frame) => sent.push(String(frame.payload))));
    await signIn(page, 'mentor.research@demo.test');
    await page.goto('/exam');
    await page.getByRole('button', { name: 'Start Part One' }).click();
    await page.getByRole('heading', { name: 'Question 1 of 60' }).waitFor();
    const { attempt, part } = await attemptOf('mentor.research@demo.test');
    clock.setNow(part.deadlineAt!.getTime() - 8000);
    await answer(page, 1, 'A');
    await expect
      .poll(() => indicator(page).textContent(), { timeout: 5000 })
      .toMatch(/^All answers saved/);
    await page.getByRole('button', { name: /^Question 2,/ }).click();
    await page.getByRole('heading', { name: 'Question 2 of 60' }).waitFor();

    await page.getByText('Time is up. Your answers can no longer be changed').waitFor({
      timeout: 20_000,
    });
    await page.waitForTimeout(1000); // 0:01
    const option = page.locator('label.option', { hasText: 'C.' });
    await option.click({ force: true });
    await page.waitForTimeout(500);
    expect(await option.locator('input').isChecked()).toBe(false);
    expect(await option.locator('input').isDisabled()).toBe(true);
    const saves = sent.filter((f) => f.includes('"answer.save"'));
    expect(saves).toHaveLength(1);
    expect(saves[0]).toContain('"position":1');
    const { db } = harness.database;
    expect(
      (await db.select().from(answerSaves).where(eq(answerSaves.attemptId, attempt.id))).map(
        (s) => s.position,
      ),
    ).toEqual([1]);
    expect(
      await db.select().from(lateChanges).where(eq(lateChanges.attemptId, attempt.id)),
    ).toEqual([]);
    await expectNoAxeViolations(page);
  });

  it('at 0:00 the Part Two editor turns read-only: typing at 0:01 is neither sent nor shown', async () => {
    const { page } = await harness.newPage();
    const sent: string[] = [];
    page.on('websocket', (ws) => ws.on('framesent', (frame) => sent.push(String(frame.payload))));
    await signIn(page, 'mentor.policy@demo.test');
    await reachPartTwo(page);
    const { attempt } = await attemptOf('mentor.policy@demo.test');
    const [partTwo] = await harness.database.db
      .select()
      .from(attemptParts)
      .where(and(eq(attemptParts.attemptId, attempt.id), eq(attemptParts.part, 2)));
    clock.setNow(partTwo!.deadlineAt!.getTime() - 8000);
    await editor(page, 1).click();
    await page.keyboard.type('Written in time.');
    // Whole drafts wait for a second of quiet before they go.
    await expect
      .poll(() => indicator(page).textContent(), { timeout: 4000 })
      .toMatch(/^All answers saved/);

    await page.getByText('Time is up. Your responses can no longer be changed').waitFor({
      timeout: 20_000,
    });
    await page.waitForTimeout(1000); // 0:01
    expect(await editor(page, 1).getAttribute('contenteditable')).toBe('false');
    await editor(page, 1).click({ force: true });
    await page.keyboard.type(' Too late.');
    await page.waitForTimeout(500);
    expect(await editor(page, 1).textContent()).toBe('Written in time.');
    expect(sent.some((frame) => frame.includes('Too late'))).toBe(false);
    await expectNoAxeViolations(page);
  });
});
