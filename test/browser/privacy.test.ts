import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attempts,
  enrolments,
  examResults,
  responses,
  retentionPurges,
  users,
} from '../../server/src/db/schema/index.js';
import {
  expectNoAxeViolations,
  signIn,
  startBrowserHarness,
  tabTo,
  type BrowserHarness,
} from '../support/browser-harness.js';
import { apiAs } from '../support/api-as.js';

let harness: BrowserHarness;
let sittingId: string;
const YEAR_MS = 366 * 24 * 3_600_000;

/**
 * A result released eight years ago with a written response still stored, as the demo's
 * association keeps responses seven (server/test/privacy.test.ts proves the purge itself).
 */
async function oldReleasedResponse() {
  const db = harness.database.db;
  const [candidate] = await db.select().from(users).where(eq(users.email, 'candidate@demo.test'));
  const [enrolment] = await db
    .select()
    .from(enrolments)
    .where(eq(enrolments.candidateId, candidate!.id));
  sittingId = enrolment!.sittingId;
  const [attempt] = await db
    .insert(attempts)
    .values({
      enrolmentId: enrolment!.id,
      candidateId: candidate!.id,
      formId: enrolment!.id,
      optionSeed: 1,
      createdAt: new Date(),
    })
    .returning();
  const doc = {
    type: 'doc',
    content: [{ type: 'paragraph', content: [{ type: 'text', text: 'My reflective answer.' }] }],
  };
  await db.insert(responses).values({
    attemptId: attempt!.id,
    vignette: 1,
    doc,
    revision: 1,
    words: 3,
    updatedAt: new Date(),
  });
  await db.insert(examResults).values({
    attemptId: attempt!.id,
    sittingId,
    candidateId: candidate!.id,
    passed: true,
    result: {},
    releasedAt: new Date(Date.now() - 8 * YEAR_MS),
  });
}

beforeAll(async () => {
  harness = await startBrowserHarness();
  await oldReleasedResponse();
  // An authorisation to test with an extension: the candidate's path shows in words.
  const coordinator = await apiAs(harness, 'coordinator@demo.test');
  const granted = await coordinator('POST', '/api/bookings/authorisations', {
    email: 'candidate@demo.test',
    examEndorsement: 'IMH-E',
    category: 'mental-health-specialist',
    track: null,
    parts: [1, 2],
    reference: null,
  });
  expect(granted.statusCode, granted.body).toBe(201);
  const extended = await coordinator(
    'POST',
    `/api/bookings/authorisations/${granted.json().id}/extend`,
    {
      expiresAt: new Date(Date.now() + 900 * 24 * 3_600_000).toISOString(),
      reason: 'Medical leave',
    },
  );
  expect(extended.statusCode, extended.body).toBe(200);
});
afterAll(async () => {
  await harness?.close();
});

describe('privacy pages', () => {
  it('shows a candidate everything held about them, printable and downloadable, by keyboard', async () => {
    const { page, problems } = await harness.newPage();
    await signIn(page, 'candidate@demo.test');
    await tabTo(page, page.getByRole('link', { name: 'Your data', exact: true }).first());
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Your data' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Your account' }).waitFor();
    const main = (await page.getByRole('main').textContent()) ?? '';
    expect(main).toContain('candidate@demo.test');
    expect(main).toContain('My reflective answer.');
    await page
      .getByRole('heading', { level: 2, name: 'Your authorisations, seats and requests' })
      .waitFor();
    expect(main).toMatch(/Authorisation to test \(IMH-E, Part One and Part Two\)/);
    expect(main).toContain('Medical leave');
    const download = page.getByRole('link', { name: 'Download all your data (JSON)' });
    await tabTo(page, download);
    expect(await download.getAttribute('href')).toBe('/api/privacy/my-data');
    await tabTo(page, page.getByRole('button', { name: 'Print this page' }));
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
  });

  it('shows the coordinator the dry run, and records the purge they confirm by keyboard', async () => {
    const { page, problems } = await harness.newPage();
    await signIn(page, 'coordinator@demo.test');
    await page.goto('/retention');
    await page.getByRole('heading', { level: 1, name: 'Retention of responses' }).waitFor();
    const table = page.getByRole('table', { name: /dry run/ });
    await table.waitFor();
    await expectNoAxeViolations(page);
    const row = table.getByRole('row').nth(1);
    expect((await row.getByRole('cell').allTextContents()).slice(1, 3)).toEqual(['1', '1']);
    expect(await harness.database.db.select().from(retentionPurges)).toEqual([]);

    await tabTo(page, row.getByRole('checkbox'));
    await page.keyboard.press('Space');
    await tabTo(page, page.getByRole('button', { name: 'Confirm the purge of 1 sitting(s)' }));
    await page.keyboard.press('Enter');
    await page.getByText('Purge confirmed for 1 sitting(s)', { exact: false }).waitFor();
    await row.getByText('Confirmed').waitFor();
    await expectNoAxeViolations(page);
    const purges = await harness.database.db.select().from(retentionPurges);
    expect(purges.map((p) => [p.sittingId, p.purgedAt])).toEqual([[sittingId, null]]);
    expect(problems).toEqual([]);
  });
});
