import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MyResultsResponse } from '@exam/shared/api';
import { auditLog, sittings, users } from '../../server/src/db/schema/index.js';
import { DEMO_LOBBY_CANDIDATE } from '../../server/src/seed/demo-sitting.js';
import { apiAs } from '../support/api-as.js';
import {
  expectNoAxeViolations,
  signIn,
  startBrowserHarness,
  tabTo,
  type BrowserHarness,
} from '../support/browser-harness.js';
import { setChosen, typeInto } from '../support/part-two-pages.js';
import {
  openSittingAndRetake,
  releaseThroughTheRoutes,
  scoreEveryReading,
  sitAndRelease,
} from '../support/released-sitting.js';

let harness: BrowserHarness;
let coordinator: Awaited<ReturnType<typeof apiAs>>;
let retakeSittingId = '';
let firstName = '';
let firstId = '';

/**
 * The demo's open sitting, where the lobby candidate first sits (the first test), and a sitting
 * 400 days later is past the waiting period and before the request deadline, with the
 * same vignette sets (the coordinator is warned of them).
 */
beforeAll(async () => {
  harness = await startBrowserHarness();
  coordinator = await apiAs(harness, 'coordinator@demo.test');
  ({ firstId, firstName, retakeSittingId } = await openSittingAndRetake(
    harness,
    coordinator,
    'Retake sitting',
  ));
});
afterAll(async () => {
  await harness?.close();
});

describe('a retake of Part Two alone', () => {
  it('starts from a first sitting released by the coordinator: Part One passed, Part Two not', async () => {
    // Sat through the delivery service: Part One 50 of 60, Part Two failed by both readers;
    // then closed, its feedback approved and released through the results routes.
    const sat = {
      responses: { 1: 'A thin first response.', 2: 'A thin second response.' },
      chosen: [1, 2],
      partOneCorrect: 50,
    };
    expect(await sitAndRelease(harness, coordinator, { firstId, firstName }, sat, 1)).toMatchObject(
      {
        status: 'released',
        passed: false,
        partOne: { passed: true },
        partTwo: { passed: false },
      },
    );
  });

  it('goes from the request by keyboard to a result combining the carried Part One', async () => {
    const { page: casey, problems } = await harness.newPage();
    await signIn(casey, DEMO_LOBBY_CANDIDATE);
    await casey.goto('/my-results');
    await tabTo(casey, casey.getByRole('link', { name: 'Retake the part you did not pass' }));
    await casey.keyboard.press('Enter');
    await casey.getByRole('heading', { level: 1, name: 'Retakes' }).waitFor();
    await casey.getByText(/Part One: passed, 1 attempt/).waitFor();
    await casey.getByText(/Part Two: not passed, 1 attempt/).waitFor();
    await expectNoAxeViolations(casey);
    const request = casey.getByRole('button', {
      name: 'Request a retake of Part Two in Retake sitting',
      exact: true,
    });
    await tabTo(casey, request, 80);
    await casey.keyboard.press('Enter');
    await casey
      .getByRole('status')
      .filter({ hasText: 'Retake of Part Two requested in Retake sitting.' })
      .waitFor();
    await casey.getByText(/Part Two in Retake sitting: Waiting for a decision/).waitFor();
    await expectNoAxeViolations(casey);

    const { page: corin } = await harness.newPage();
    await signIn(corin, 'coordinator@demo.test');
    await corin.goto('/coordinator');
    await corin
      .getByRole('navigation', { name: 'Coordinator console' })
      .getByRole('link', { name: 'Retakes' })
      .click();
    await corin.getByRole('heading', { level: 1, name: 'Retake requests' }).waitFor();
    await corin.getByText(/Warning: the candidate has seen this sitting/).waitFor();
    await expectNoAxeViolations(corin);
    await tabTo(corin, corin.getByRole('button', { name: /^Approve: / }), 80);
    await corin.keyboard.press('Enter');
    await corin.getByRole('status').filter({ hasText: 'Approved:' }).waitFor();
    await expectNoAxeViolations(corin);

    // The retake sitting is scheduled, then opened early by the coordinator's clock override.
    const scheduled = await coordinator('POST', `/api/sittings/${retakeSittingId}/transition`, {
      to: 'scheduled',
    });
    expect(scheduled.statusCode, scheduled.body).toBe(200);
    await corin.goto(`/coordinator/sittings/${retakeSittingId}`);
    await corin.getByRole('heading', { name: 'The sitting’s clock' }).waitFor();
    await corin.getByText('Check-in opens').waitFor();
    await expectNoAxeViolations(corin);
    await tabTo(corin, corin.getByLabel('Reason for the override'), 120);
    await corin.keyboard.type('Opened early for the retake candidate.');
    await tabTo(corin, corin.getByRole('button', { name: 'Apply the override' }));
    await corin.keyboard.press('Enter');
    await corin.getByRole('status').filter({ hasText: 'Done: Open now.' }).waitFor();
    await expect
      .poll(async () => (await coordinator('GET', `/api/sittings/${retakeSittingId}`)).json())
      .toMatchObject({ sitting: { status: 'open' } });

    // The candidate arrives an hour after the start (the sitting moved to now): past the late
    // cutoff, so the proctor's admission asks for a reason. The row says Part Two only.
    const { db } = harness.database;
    await db
      .update(sittings)
      .set({ startsAt: new Date(Date.now() - 3600_000) })
      .where(eq(sittings.id, retakeSittingId));
    await corin.goto(`/proctor/sittings/${retakeSittingId}`);
    await corin.getByText('Live: changes appear as they happen.').waitFor();
    const name = (await db.select().from(users).where(eq(users.email, DEMO_LOBBY_CANDIDATE)))[0]!
      .displayName;
    await corin.getByText(/Part Two only \(retake\)/).waitFor();
    await tabTo(corin, corin.getByRole('button', { name: `Admit: ${name}` }), 80);
    await corin.keyboard.press('Enter');
    const dialog = corin.getByRole('dialog', { name: `Admit ${name}` });
    await dialog.waitFor();
    await corin.keyboard.press('Space');
    await tabTo(corin, dialog.getByRole('button', { name: 'Admit' }));
    await corin.keyboard.press('Enter');
    const lateReason = dialog.getByLabel('Reason for admitting late');
    await lateReason.waitFor();
    await expectNoAxeViolations(corin);
    await tabTo(corin, lateReason);
    await corin.keyboard.type('Their connection failed at the start; identity checked.');
    await tabTo(corin, dialog.getByRole('button', { name: 'Admit' }));
    await corin.keyboard.press('Enter');
    await corin.getByText(`Admitted ${name}.`).waitFor();
    const [admitted] = await db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'candidate.admitted'));
    expect(JSON.stringify(admitted?.details)).toContain('Their connection failed at the start');

    await casey.goto('/exam');
    await casey.getByTestId('part-one-not-sat').waitFor();
    expect(await casey.getByRole('button', { name: 'Start Part One' }).count()).toBe(0);
    await casey.getByRole('button', { name: 'Start Part Two' }).click();
    await casey.getByRole('tablist', { name: 'Vignettes' }).waitFor();
    await expectNoAxeViolations(casey);
    await typeInto(casey, 1, 'A considered response to the first vignette.');
    await typeInto(casey, 2, 'A considered response to the second vignette.');
    await setChosen(casey, 1, true);
    await setChosen(casey, 2, true);
    await casey.getByRole('button', { name: 'Review and submit' }).click();
    await casey.getByRole('button', { name: 'Submit Part Two…' }).click();
    await casey.getByRole('button', { name: 'Yes, submit Part Two' }).click();
    await casey.getByRole('heading', { name: 'Part Two submitted' }).waitFor();

    // Two readers pass both responses; the result is closed, approved and released.
    await scoreEveryReading(harness, retakeSittingId, 3);
    await releaseThroughTheRoutes(coordinator, retakeSittingId);

    const mine = await apiAs(harness, DEMO_LOBBY_CANDIDATE);
    const body: MyResultsResponse = (await mine('GET', '/api/results/mine')).json();
    const retake = body.results.find(
      (r) => r.status === 'released' && r.sittingName === 'Retake sitting',
    );
    expect(retake).toMatchObject({
      passed: true,
      partTwo: { passed: true },
      carried: [{ part: 1, sittingName: firstName }],
    });
    await casey.goto('/my-results');
    await casey.getByText('You passed the exam.').waitFor();
    // The retake's result says where its Part One pass comes from.
    await casey
      .getByTestId('carried-part-1')
      .filter({ hasText: `your pass in ${firstName}` })
      .waitFor();
    await expectNoAxeViolations(casey);
    expect(problems).toEqual([]);
  });
});
