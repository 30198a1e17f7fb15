import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, responses } from '../../server/src/db/schema/index.js';
import { ExamSocket } from '../../server/test/helpers/exam-fixture.js';
import {
  DEMO_PASSWORD,
  expectNoAxeViolations,
  startBrowserHarness,
  tabTo,
  type BrowserHarness,
} from '../support/browser-harness.js';
import { signIn } from '../support/part-two-pages.js';

let harness: BrowserHarness;
beforeAll(async () => {
  harness = await startBrowserHarness();
});
afterAll(async () => {
  await harness?.close();
});

const FIRST_DRAFT = 'The relationship between the infant and the caregiver comes first.';
const ACCIDENT = 'Oops';
const doc = (text: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

/** Signs in over HTTP from the page's origin, as the browser would, and returns the cookie. */
async function cookieFor(email: string): Promise<string> {
  const response = await harness.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { origin: harness.baseUrl },
    payload: { email, password: DEMO_PASSWORD },
  });
  const sid = response.cookies.find((c) => c.name === 'sid');
  if (!sid) throw new Error(`login as ${email} failed: ${response.statusCode}`);
  return `sid=${sid.value}`;
}

/**
 * Casey writes vignette 1 over the exam socket (cheaper than typing): a first draft (kept as an
 * autosave version), then an accidental deletion within the minute, then submits Part Two (kept
 * as the submit version). Returns the attempt id.
 */
async function caseyWritesAndSubmits(): Promise<string> {
  const socket = await ExamSocket.connect(harness.app, await cookieFor('candidate@demo.test'), {
    origin: harness.baseUrl,
  });
  try {
    const welcome = await socket.hello();
    socket.send({ type: 'part.start', part: 1 });
    await socket.next('clock.update');
    socket.send({ type: 'part.submit', part: 1 });
    await socket.next('part.closed');
    await socket.next('welcome');
    socket.send({ type: 'part.start', part: 2 });
    await socket.next('clock.update', (m) => m.clock.part === 2);
    socket.send({ type: 'draft.save', vignette: 1, revision: 1, doc: doc(FIRST_DRAFT) });
    await socket.next('draft.ack', (m) => m.vignette === 1 && m.revision === 1);
    socket.send({ type: 'draft.save', vignette: 2, revision: 1, doc: doc('A second answer.') });
    await socket.next('draft.ack', (m) => m.vignette === 2);
    socket.send({ type: 'draft.save', vignette: 1, revision: 2, doc: doc(ACCIDENT) });
    await socket.next('draft.ack', (m) => m.vignette === 1 && m.revision === 2);
    socket.send({ type: 'choice.set', revision: 1, chosen: [1, 2] });
    await socket.next('choice.ack');
    socket.send({ type: 'part.submit', part: 2 });
    await socket.next('part.closed', (m) => m.part === 2);
    return welcome.attempt.attemptId;
  } finally {
    socket.close();
  }
}

describe('response history in the coordinator console', () => {
  it('leads from the sitting to a response, shows how it grew and restores a version', async () => {
    const attemptId = await caseyWritesAndSubmits();
    const { page, problems } = await harness.newPage();
    const { keyboard } = page;
    await signIn(page, 'coordinator@demo.test');

    // From the sitting's roster to Casey's responses, by keyboard.
    await tabTo(page, page.getByRole('main').getByRole('link', { name: 'Coordinator console' }));
    await keyboard.press('Enter');
    await tabTo(page, page.getByRole('link', { name: 'Demo sitting (practice)' }));
    await keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Demo sitting (practice)' }).waitFor();
    const casey = page.getByRole('row').filter({ hasText: 'Casey Candidate' });
    await tabTo(page, casey.getByRole('link', { name: 'Responses of Casey Candidate' }), 80);
    await expectNoAxeViolations(page);
    await keyboard.press('Enter');

    await page
      .getByRole('heading', { level: 1, name: 'Part Two responses: Casey Candidate' })
      .waitFor();
    const vignetteOne = page.getByRole('row').filter({ hasText: /^Vignette 1:/ });
    await vignetteOne.waitFor();
    expect(await vignetteOne.getByRole('cell').allInnerTexts()).toEqual(
      expect.arrayContaining(['Chosen', '1', '2']),
    );
    await page.getByText('Submitted', { exact: true }).waitFor();
    await expectNoAxeViolations(page);

    await tabTo(page, vignetteOne.getByRole('link'));
    await keyboard.press('Enter');
    await page
      .getByRole('heading', { level: 1, name: 'Vignette 1 history: Casey Candidate' })
      .waitFor();
    const versions = page.getByRole('table', { name: 'Kept versions, oldest first' });
    const rows = versions.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).textContent()).toContain('Autosave');
    expect(await rows.nth(1).textContent()).toContain('Part Two submitted');
    expect(await rows.nth(1).textContent()).toContain('2 (current)');
    const shown = page.getByRole('region', { name: /^Current version: revision 2/ });
    expect(await shown.textContent()).toBe(ACCIDENT);
    await expectNoAxeViolations(page);

    // The first draft, then restore it by keyboard with a reason.
    await page.getByRole('button', { name: 'Show revision 1' }).click();
    const first = page.getByRole('region', { name: /^Revision 1, saved / });
    expect(await first.textContent()).toBe(FIRST_DRAFT);
    expect(await page.getByRole('button', { name: 'Restore… revision 2' }).count()).toBe(0);
    await tabTo(page, page.getByRole('button', { name: 'Restore… revision 1' }));
    await keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Restore revision 1?' });
    await dialog.waitFor();
    await expectNoAxeViolations(page);
    await dialog.getByRole('button', { name: 'Restore this version' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Reason: Say why' }).waitFor();
    await dialog.getByLabel('Reason').fill('Casey deleted the draft by accident; incident 7');
    await keyboard.press('Enter');

    await page
      .getByRole('status')
      .filter({ hasText: 'Restored revision 1 as revision 3.' })
      .waitFor();
    expect(await dialog.count()).toBe(0);
    const current = page.getByRole('region', { name: /^Current version: revision 3/ });
    expect(await current.textContent()).toBe(FIRST_DRAFT);
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.nth(2).textContent()).toContain('Restored by a coordinator');
    expect(await rows.nth(2).textContent()).toContain('3 (current)');
    await expectNoAxeViolations(page);

    const [stored] = await harness.database.db
      .select()
      .from(responses)
      .where(and(eq(responses.attemptId, attemptId), eq(responses.vignette, 1)));
    expect(stored?.revision).toBe(3);
    expect(JSON.stringify(stored?.doc)).toContain(FIRST_DRAFT);
    const audits = await harness.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'response.restore'));
    expect(audits.map((a) => a.details)).toEqual([
      expect.objectContaining({ vignette: 1, fromRevision: 1, revision: 3 }),
    ]);

    // Back on the list, the new revision shows there too.
    await page.getByRole('link', { name: 'Back to Casey Candidate’s responses' }).click();
    await expect
      .poll(() => vignetteOne.getByRole('cell').allInnerTexts())
      .toEqual(expect.arrayContaining(['3']));
    expect(problems).toEqual([]);
  });
});
