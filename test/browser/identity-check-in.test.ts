import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkInPhotos, enrolments, sittings, users } from '../../server/src/db/schema/index.js';
import {
  expectNoAxeViolations,
  FAKE_CAMERA_ARGS,
  signIn,
  startBrowserHarness,
  type BrowserHarness,
} from '../support/browser-harness.js';

let harness: BrowserHarness;
beforeAll(async () => {
  harness = await startBrowserHarness({ chromiumArgs: FAKE_CAMERA_ARGS });
  // The demo sitting runs remotely here: admission goes through the identity check-in.
  await harness.database.db
    .update(sittings)
    .set({ remote: true })
    .where(eq(sittings.status, 'open'));
});
afterAll(async () => {
  await harness?.close();
});

async function userId(email: string): Promise<string> {
  const [user] = await harness.database.db.select().from(users).where(eq(users.email, email));
  return user!.id;
}

/** The demo candidate who starts in the lobby, not admitted. */
const CANDIDATE = 'mentor.clinical@demo.test';
const NAME = 'Jordan Clinician';

describe('a remote check-in with the webcam', () => {
  it('the candidate sends face and ID photos; the proctor looks and admits with a reason', async () => {
    const { page: candidate, problems } = await harness.newPage();
    await signIn(candidate, CANDIDATE);
    await candidate.getByRole('main').getByRole('link', { name: 'Check in' }).click();
    await candidate.getByRole('heading', { level: 1, name: 'Check in' }).waitFor();
    await candidate.getByText('Take a photo of your face and one of your photo ID.').waitFor();
    await expectNoAxeViolations(candidate);

    await candidate.getByRole('button', { name: 'Turn on the camera' }).click();
    await candidate.getByRole('button', { name: 'Take the face photo' }).click();
    await candidate.getByText('Your face photo was sent.').waitFor();
    await candidate.getByRole('button', { name: 'Take the ID photo' }).click();
    await candidate.getByText('Your photos are with the proctor').waitFor();
    await expectNoAxeViolations(candidate);
    const stored = await harness.database.db.select().from(checkInPhotos);
    expect(stored.map((p) => p.kind).sort()).toEqual(['face', 'id']);
    // The fake camera's frame, drawn on a canvas and sent as a JPEG.
    expect([...stored[0]!.content.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);

    const { page: proctor } = await harness.newPage();
    await signIn(proctor, 'proctor@demo.test');
    await proctor.getByRole('main').getByRole('link', { name: 'Proctoring' }).click();
    await proctor.getByRole('link', { name: 'Demo sitting (practice)' }).click();
    const panel = proctor.getByRole('region', { name: 'Identity check-in' });
    const entry = panel.getByRole('listitem').filter({ hasText: NAME });
    await entry.getByText('Evidence ready').waitFor();
    await entry.getByRole('button', { name: `Show the photos: ${NAME}` }).click();
    const face = entry.getByRole('img', { name: `Face of ${NAME}` });
    await face.waitFor();
    await expect
      .poll(() => face.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0);
    await expectNoAxeViolations(proctor);

    await entry
      .getByLabel(`Reason for the decision on ${NAME}`)
      .fill('Face and photo ID match the roster name.');
    await entry.getByRole('button', { name: `Admit after identity check: ${NAME}` }).click();
    await proctor.getByText(`Admitted ${NAME}.`).waitFor();
    await entry.getByText('Admitted (Face and photo ID match the roster name.)').waitFor();

    // The candidate's page follows by itself, and the exam can start.
    await candidate.getByText('You are checked in and admitted.').waitFor({ timeout: 10_000 });
    await candidate.getByRole('link', { name: 'Go to your exam' }).click();
    await candidate.getByRole('button', { name: 'Start Part One' }).waitFor();
    expect(problems).toEqual([]);
  });

  it('offers the ask-the-proctor path when the camera is refused', async () => {
    // Casey, admitted by the demo seed, waits for admission again in this remote sitting.
    await harness.database.db
      .update(enrolments)
      .set({ admittedAt: null, admittedBy: null })
      .where(eq(enrolments.candidateId, await userId('candidate@demo.test')));
    const { page } = await harness.newPage();
    await page.addInitScript(() => {
      navigator.mediaDevices.getUserMedia = () =>
        Promise.reject(new DOMException('refused', 'NotAllowedError'));
    });
    await signIn(page, 'candidate@demo.test');
    await page.goto('/check-in');
    await page.getByRole('button', { name: 'Turn on the camera' }).click();
    await page.getByText('Permission to use the camera was refused.').waitFor();
    await expectNoAxeViolations(page);
    await page
      .getByLabel('Anything the proctor should know (optional)')
      .fill('My browser will not allow the camera.');
    await page.getByRole('button', { name: 'Ask the proctor to check me' }).click();
    await page.getByText('Your proctor will check your identity on the call').waitFor();

    const { page: proctor } = await harness.newPage();
    await signIn(proctor, 'proctor@demo.test');
    await proctor.goto('/proctor');
    await proctor.getByRole('link', { name: 'Demo sitting (practice)' }).click();
    const entry = proctor
      .getByRole('region', { name: 'Identity check-in' })
      .getByRole('listitem')
      .filter({ hasText: 'Casey Candidate' });
    await entry.getByText('No camera: check on the call').waitFor();
    await entry.getByText('The candidate says: My browser will not allow the camera.').waitFor();
    // A decision without a reason is refused and says why.
    await entry
      .getByRole('button', { name: 'Admit after identity check: Casey Candidate' })
      .click();
    await entry
      .getByRole('alert')
      .getByText(/reason/i)
      .waitFor();
  });
});

describe('a candidate with no sitting open now', () => {
  it('is told so on the check-in page, and the console logs no failed request', async () => {
    const { page } = await harness.newPage();
    // The harness forgives 4xx answers; a candidate's console should not need forgiving.
    const logged: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') logged.push(message.text());
    });
    await signIn(page, 'applicant@demo.test');
    await page.goto('/check-in');
    await page.getByText('You have no sitting to check in for right now.').waitFor();
    await page.waitForLoadState('networkidle');
    await expectNoAxeViolations(page);
    expect(logged).toEqual([]);
  });
});
