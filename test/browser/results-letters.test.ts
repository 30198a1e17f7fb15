import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attempts,
  enrolments,
  examResults,
  resultLetters,
  sittings,
  users,
} from '../../server/src/db/schema/index.js';
import { DEFAULT_ASSOCIATION_ID } from '../../server/src/modules/auth/index.js';
import {
  expectNoAxeViolations,
  signIn,
  startBrowserHarness,
  tabTo,
  type BrowserHarness,
} from '../support/browser-harness.js';

let harness: BrowserHarness;
let sittingId: string;
let candidateId: string;
const identifier = randomBytes(32).toString('base64url');

/**
 * An issued letter, stored as the letters service stores one (server/test/result-letters.test.ts
 * proves the issuing); here only what the public page shows of it matters.
 */
async function issueLetter() {
  const db = harness.database.db;
  const [candidate] = await db.select().from(users).where(eq(users.email, 'candidate@demo.test'));
  const [enrolment] = await db
    .select()
    .from(enrolments)
    .where(eq(enrolments.candidateId, candidate!.id));
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
  // Released, as far as the letters lists read it: the sitting's status and the frozen row.
  sittingId = enrolment!.sittingId;
  candidateId = candidate!.id;
  await db.update(sittings).set({ status: 'released' }).where(eq(sittings.id, sittingId));
  await db.insert(examResults).values({
    attemptId: attempt!.id,
    sittingId,
    candidateId,
    passed: true,
    result: {},
    releasedAt: new Date(),
  });
  await db.insert(resultLetters).values({
    identifier,
    attemptId: attempt!.id,
    sittingId: enrolment!.sittingId,
    associationId: DEFAULT_ASSOCIATION_ID,
    candidateName: 'Casey Candidate',
    endorsement: 'IMH-E, Mental Health Specialist',
    passed: true,
    sittingDate: '2026-03-02',
    associationName: 'Demo State Association',
    issuedAt: new Date(),
  });
}

beforeAll(async () => {
  harness = await startBrowserHarness();
  await issueLetter();
});
afterAll(async () => {
  await harness?.close();
});

describe('the public letter verification page', () => {
  it('confirms a letter without signing in, showing only its identifier, endorsement and result', async () => {
    const { page, problems } = await harness.newPage();
    await page.goto(`/verify/${identifier}`);
    await page.getByRole('heading', { level: 1, name: 'Check a results letter' }).waitFor();
    await page
      .getByText('This identifier belongs to a results letter we issued.', { exact: false })
      .waitFor();

    const facts = await page
      .locator('dl.letter-facts')
      .evaluate((dl) =>
        Array.from(dl.querySelectorAll('dt')).map((dt) => [
          dt.textContent,
          dt.nextElementSibling?.textContent,
        ]),
      );
    expect(facts).toEqual([
      ['Identifier', identifier],
      ['Endorsement', 'IMH-E, Mental Health Specialist'],
      ['Result', 'Passed'],
    ]);
    // Nothing else: no name, email, date, association, scores, feedback or sign-in state.
    const main = (await page.getByRole('main').textContent()) ?? '';
    for (const absent of [
      'Casey',
      'candidate@demo.test',
      'Demo State Association',
      '2026',
      ' of 60',
      'Part One',
      'Part Two',
      'feedback',
    ])
      expect(main).not.toContain(absent);
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
  });

  it('says plainly when no letter has the identifier typed in, by keyboard', async () => {
    const { page, problems } = await harness.newPage();
    const { keyboard } = page;
    await page.goto('/verify');
    await page.getByRole('heading', { level: 1, name: 'Check a results letter' }).waitFor();
    await expectNoAxeViolations(page);
    await tabTo(page, page.getByLabel('Letter identifier'));
    await keyboard.type('A'.repeat(43));
    await tabTo(page, page.getByRole('button', { name: 'Check' }));
    await keyboard.press('Enter');
    await page.getByText('No letter has this identifier.').waitFor();
    await expect(page.locator('dl.letter-facts').count()).resolves.toBe(0);
    await expectNoAxeViolations(page);

    // The same form leads on to a genuine letter.
    await tabTo(page, page.getByLabel('Letter identifier'));
    await keyboard.press('ControlOrMeta+A');
    await keyboard.type(identifier);
    await tabTo(page, page.getByRole('button', { name: 'Check' }));
    await keyboard.press('Enter');
    await page
      .getByText('This identifier belongs to a results letter we issued.', { exact: false })
      .waitFor();
    expect(problems).toEqual([]);
  });
});

describe('the letters lists', () => {
  const downloadPath = () =>
    `/api/letters/sittings/${sittingId}/candidates/${candidateId}/letter.pdf`;

  it("lists a candidate's released result as a letter to download, from the home page", async () => {
    const { page, problems } = await harness.newPage();
    await signIn(page, 'candidate@demo.test');
    await tabTo(page, page.getByRole('main').getByRole('link', { name: 'Results letters' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Your results letters' }).waitFor();
    const link = page.getByRole('link', { name: /^Download the letter for .+ \(PDF\)$/ });
    await tabTo(page, link);
    expect(await link.getAttribute('href')).toBe(downloadPath());
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
  });

  it("lists a released sitting's letters for its coordinator", async () => {
    const { page, problems } = await harness.newPage();
    await signIn(page, 'coordinator@demo.test');
    await page.goto(`/results/${sittingId}/letters`);
    await page.getByRole('heading', { level: 1, name: 'Results letters' }).waitFor();
    const link = page.getByRole('link', { name: "Download Casey Candidate's letter (PDF)" });
    await tabTo(page, link);
    expect(await link.getAttribute('href')).toBe(downloadPath());
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
  });
});
