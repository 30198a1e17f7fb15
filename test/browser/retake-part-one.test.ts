import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MyResultsResponse } from '@exam/shared/api';
import { enrolments } from '../../server/src/db/schema/index.js';
import { DEMO_LOBBY_CANDIDATE } from '../../server/src/seed/demo-sitting.js';
import { apiAs } from '../support/api-as.js';
import {
  expectNoAxeViolations,
  signIn,
  startBrowserHarness,
  tabTo,
  type BrowserHarness,
} from '../support/browser-harness.js';
import {
  openSittingAndRetake,
  releaseThroughTheRoutes,
  sitAndRelease,
} from '../support/released-sitting.js';

let harness: BrowserHarness;
let coordinator: Awaited<ReturnType<typeof apiAs>>;
let firstId = '';
let firstName = '';
let retakeSittingId = '';

/** The demo's open sitting (sat in the first test) and a sitting 400 days later for the retake. */
beforeAll(async () => {
  harness = await startBrowserHarness();
  coordinator = await apiAs(harness, 'coordinator@demo.test');
  ({ firstId, firstName, retakeSittingId } = await openSittingAndRetake(
    harness,
    coordinator,
    'Part One retake sitting',
  ));
});
afterAll(async () => {
  await harness?.close();
});

describe('a retake of Part One alone', () => {
  it('starts from a first sitting released by the coordinator: Part Two passed, Part One not', async () => {
    const sat = {
      responses: { 1: 'A considered first response.', 2: 'A considered second response.' },
      chosen: [1, 2],
      partOneCorrect: 10,
    };
    expect(await sitAndRelease(harness, coordinator, { firstId, firstName }, sat, 3)).toMatchObject(
      {
        status: 'released',
        passed: false,
        partOne: { passed: false },
        partTwo: { passed: true },
      },
    );
  });

  it('finishes when Part One is submitted, and the result names the carried Part Two', async () => {
    // Requested and approved through the routes (the Part Two browser test walks those pages).
    const mine = await apiAs(harness, DEMO_LOBBY_CANDIDATE);
    const requested = await mine('POST', '/api/retakes', { sittingId: retakeSittingId, part: 1 });
    expect(requested.statusCode, requested.body).toBe(201);
    const approved = await coordinator(
      'POST',
      `/api/retakes/${requested.json().request.id}/approve`,
      {},
    );
    expect(approved.statusCode, approved.body).toBe(200);
    for (const to of ['scheduled', 'open']) {
      const moved = await coordinator('POST', `/api/sittings/${retakeSittingId}/transition`, {
        to,
      });
      expect(moved.statusCode, moved.body).toBe(200);
    }
    // Admitted as the proctor's console would (proctoring's own tests walk the admission).
    await harness.database.db
      .update(enrolments)
      .set({ admittedAt: new Date() })
      .where(eq(enrolments.id, approved.json().request.enrolmentId));

    const { page: casey, problems } = await harness.newPage();
    await signIn(casey, DEMO_LOBBY_CANDIDATE);
    await casey.goto('/exam');
    await casey.getByTestId('part-two-not-sat').waitFor();
    await expectNoAxeViolations(casey);
    await tabTo(casey, casey.getByRole('button', { name: 'Start Part One' }), 80);
    await casey.keyboard.press('Enter');
    await casey.getByRole('heading', { name: 'Question 1 of 60' }).waitFor();
    await casey.getByRole('button', { name: 'Review and submit' }).click();
    await casey.getByRole('button', { name: 'Submit Part One…' }).click();
    await casey
      .getByRole('alertdialog', { name: 'Submit Part One now?' })
      .getByRole('button', { name: 'Yes, submit Part One' })
      .click();
    await casey.getByRole('heading', { name: 'Part One is closed' }).waitFor();
    await casey.getByTestId('exam-finished').waitFor();
    // No Part Two to start, and no problem reported about one.
    expect(await casey.getByRole('button', { name: 'Start Part Two' }).count()).toBe(0);
    // (The page keeps an empty alert region for problems; it must stay empty.)
    expect((await casey.getByRole('alert').allTextContents()).join('').trim()).toBe('');
    expect(await casey.getByText(/vignette set/).count()).toBe(0);
    await expectNoAxeViolations(casey);

    await releaseThroughTheRoutes(coordinator, retakeSittingId);
    const body: MyResultsResponse = (await mine('GET', '/api/results/mine')).json();
    expect(body.results.find((r) => r.sittingName === 'Part One retake sitting')).toMatchObject({
      status: 'released',
      partTwo: { passed: true },
      carried: [{ part: 2, sittingName: firstName }],
    });
    await casey.goto('/my-results');
    await casey
      .getByTestId('carried-part-2')
      .filter({ hasText: `your pass in ${firstName}` })
      .waitFor();
    await expectNoAxeViolations(casey);
    expect(problems).toEqual([]);
  });
});
