import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/src/seed/demo-people.js';
import { sittingInput } from '../../server/test/helpers/coordinator.js';
import {
  expectNoAxeViolations,
  signIn,
  startBrowserHarness,
  type BrowserHarness,
} from '../support/browser-harness.js';

let harness: BrowserHarness;
const SITTING = 'Autumn sitting';

/** A coordinator's API call from the test itself, to set the scene. */
async function asCoordinator(method: 'GET' | 'POST', url: string, payload?: object) {
  const login = await harness.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { origin: harness.baseUrl },
    payload: { email: 'coordinator@demo.test', password: DEMO_PASSWORD },
  });
  const sid = login.cookies.find((c) => c.name === 'sid')!.value;
  const response = await harness.app.inject({
    method,
    url,
    headers: { origin: harness.baseUrl, cookie: `sid=${sid}` },
    ...(payload ? { payload } : {}),
  });
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response.json();
}

beforeAll(async () => {
  harness = await startBrowserHarness();
  // A sitting six weeks ahead, with Casey enrolled: well before the request deadline.
  const date = new Date(Date.now() + 42 * 24 * 3600_000).toISOString().slice(0, 10);
  const { sitting } = await asCoordinator(
    'POST',
    '/api/sittings',
    sittingInput({ name: SITTING, date, timeZone: 'UTC' }),
  );
  const { candidates } = await asCoordinator('GET', '/api/candidates');
  const casey = candidates.find((c: { email: string }) => c.email === 'candidate@demo.test');
  await asCoordinator('POST', `/api/sittings/${sitting.id}/enrolments`, {
    candidate: { kind: 'existing', candidateId: casey.id },
    endorsement: 'IMH-E',
    category: 'mental-health-specialist',
    track: null,
    examEndorsement: null,
  });
});
afterAll(async () => {
  await harness?.close();
});

const letter = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(64, 0x20)]);

describe('an accommodation request', () => {
  it('goes from the candidate, with a document, through approval to extra time in Part One', async () => {
    const { page: candidate, problems } = await harness.newPage();
    await signIn(candidate, 'candidate@demo.test');
    await candidate.getByRole('main').getByRole('link', { name: 'Accommodations' }).click();
    const form = candidate.getByRole('form', { name: `Request for ${SITTING}` });
    await form.waitFor();
    await expectNoAxeViolations(candidate);
    // A request for nothing is refused on the page, and nothing is sent (it would stay pending).
    const sent: string[] = [];
    candidate.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/accommodation-requests'))
        sent.push(r.url());
    });
    await form.getByRole('button', { name: 'Send the request' }).click();
    await form.getByText(/^Choose at least one accommodation: extra time, rest breaks/).waitFor();
    expect(sent).toEqual([]);
    await form.getByLabel('Extra time (% of each part)').fill('50');
    await form.getByLabel('Rest breaks').check();
    await form.getByLabel('A reader').check();

    // A file that only calls itself a PDF is refused, and nothing is sent.
    const files = form.getByLabel('Supporting documents');
    await files.setInputFiles({
      name: 'letter.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('just some text'),
    });
    await form.getByRole('button', { name: 'Send the request' }).click();
    await form.getByText('“letter.pdf” is not a PDF, PNG, JPEG file.').waitFor();
    await files.setInputFiles({ name: 'letter.pdf', mimeType: 'application/pdf', buffer: letter });
    await form.getByRole('button', { name: 'Send the request' }).click();
    await candidate.getByText(`Your request for ${SITTING} was sent.`).waitFor();
    await candidate.getByText('Waiting for a decision').waitFor();

    // The coordinator reads the document and approves the request as asked.
    const { page: coordinator } = await harness.newPage();
    await signIn(coordinator, 'coordinator@demo.test');
    await coordinator
      .getByRole('main')
      .getByRole('link', { name: 'Accommodation requests' })
      .click();
    const request = coordinator.getByRole('region', { name: `Casey Candidate, ${SITTING}` });
    await request.getByRole('link', { name: 'letter.pdf' }).waitFor();
    await expectNoAxeViolations(coordinator);
    await request.getByRole('button', { name: 'Approve: Casey Candidate' }).click();
    await coordinator
      .getByText('Approved for Casey Candidate: 50% extra time; rest breaks; reader.')
      .waitFor();

    await candidate.reload();
    await candidate.getByText('Approved: 50% extra time; rest breaks; reader.').waitFor();

    // The profile applies to every sitting: Part One of today's sitting runs 135 minutes.
    await candidate.goto('/exam');
    await candidate.getByRole('button', { name: 'Start Part One' }).click();
    await candidate.getByRole('heading', { name: 'Question 1 of 60' }).waitFor();
    await expect
      .poll(() => candidate.locator('.exam-clock-time').textContent(), { timeout: 5000 })
      .toMatch(/^2:1[45]:\d\d$/);
    expect(problems).toEqual([]);
  });
});
