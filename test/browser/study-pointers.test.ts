import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StudyPointerEntry, StudyPointersResponse } from '@exam/shared/api';
import { auditLog } from '../../server/src/db/schema/index.js';
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

/** The stored pointer of one domain, as the API gives it to a coordinator. */
async function storedPointer(domain: string): Promise<StudyPointerEntry> {
  const login = await harness.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { origin: harness.baseUrl },
    payload: { email: 'coordinator@demo.test', password: DEMO_PASSWORD },
  });
  const sid = login.cookies.find((c) => c.name === 'sid');
  if (!sid) throw new Error(`login failed: ${login.statusCode}`);
  const response = await harness.app.inject({
    method: 'GET',
    url: '/api/study-pointers',
    headers: { cookie: `sid=${sid.value}` },
  });
  const body: StudyPointersResponse = response.json();
  const pointer = body.pointers.find((p) => p.domain === domain);
  if (!pointer) throw new Error(`no pointer for ${domain}`);
  return pointer;
}

/** The label of the focused field: where a keyboard user now is. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el?.id ? (document.querySelector(`label[for="${el.id}"]`)?.textContent ?? '') : '';
  });

describe('study pointers in the coordinator console', () => {
  it('edits one domain by keyboard: summary, readings reordered, removed and added', async () => {
    const before = await storedPointer('working-with-others');
    expect(before.readAbout.length).toBeGreaterThanOrEqual(3);
    const { page, problems } = await harness.newPage();
    const { keyboard } = page;
    await signIn(page, 'coordinator@demo.test');

    await tabTo(page, page.getByRole('main').getByRole('link', { name: 'Coordinator console' }));
    await keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Sittings' }).waitFor();
    await tabTo(page, page.getByRole('link', { name: 'Study pointers' }));
    await keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Study pointers' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Theoretical Foundations' }).waitFor();
    await expectNoAxeViolations(page);

    // Working with Others is the fifth domain.
    await tabTo(page, page.getByLabel('Competency domain'));
    for (let i = 0; i < 4; i += 1) await keyboard.press('ArrowDown');
    await page.getByRole('heading', { level: 2, name: 'Working with Others' }).waitFor();
    const form = page.getByRole('form', { name: 'Working with Others' });

    // An empty summary is refused with an alert, and nothing is stored.
    await tabTo(page, form.getByLabel('Summary'));
    await keyboard.press('ControlOrMeta+A');
    await keyboard.press('Delete');
    await tabTo(page, form.getByRole('button', { name: 'Save Working with Others' }), 80);
    await keyboard.press('Enter');
    await form.getByRole('alert').filter({ hasText: 'Write a summary' }).waitFor();
    expect((await storedPointer('working-with-others')).summary).toBe(before.summary);

    await form.getByLabel('Summary').focus();
    await keyboard.type('Partner with the family before anyone else.');

    // Reading 2 moves to the top; focus stays with it (on its field, as it has no Up button now).
    await tabTo(page, form.getByRole('button', { name: 'Move reading 2 up' }));
    await keyboard.press('Enter');
    expect(await form.getByLabel('Reading 1').inputValue()).toBe(before.readAbout[1]);
    expect(await form.getByLabel('Reading 2').inputValue()).toBe(before.readAbout[0]);
    expect(await focused(page)).toBe('Reading 1');

    await tabTo(page, form.getByRole('button', { name: 'Remove reading 3' }));
    await keyboard.press('Enter');
    expect(await form.getByLabel('Reading 3').count()).toBe(0);
    expect(await focused(page)).toBe('Reading 2');

    await tabTo(page, form.getByRole('button', { name: 'Add reading' }), 60);
    await keyboard.press('Enter');
    expect(await focused(page)).toBe('Reading 3');
    await keyboard.type('Family partnership when services were not chosen');
    await expectNoAxeViolations(page);

    await tabTo(page, form.getByRole('button', { name: 'Save Working with Others' }), 80);
    await keyboard.press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: 'Saved the study pointer for Working with Others.' })
      .waitFor();
    await expectNoAxeViolations(page);

    const after = await storedPointer('working-with-others');
    expect(after.summary).toBe('Partner with the family before anyone else.');
    expect(after.readAbout).toEqual([
      before.readAbout[1],
      before.readAbout[0],
      'Family partnership when services were not chosen',
    ]);
    expect(after.practise).toEqual(before.practise);
    const audits = await harness.database.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.action, 'study_pointers.updated'), eq(auditLog.subjectId, after.domain)),
      );
    expect(audits).toHaveLength(1);
    expect(problems).toEqual([]);
  });
});
