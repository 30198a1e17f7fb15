import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectNoAxeViolations,
  startBrowserHarness,
  tabTo,
  type BrowserHarness,
  signIn,
} from '../support/browser-harness.js';

let harness: BrowserHarness;

beforeAll(async () => {
  harness = await startBrowserHarness();
});

afterAll(async () => {
  await harness?.close();
});

function csvFile(name: string, lines: string[]) {
  return { name, mimeType: 'text/csv', buffer: Buffer.from(lines.join('\r\n'), 'utf8') };
}

describe('coordinator console', () => {
  it('schedules a sitting, enrols by CSV and previews a form', async () => {
    const { page, problems } = await harness.newPage();
    const { keyboard } = page;
    await signIn(page, 'coordinator@demo.test');

    await tabTo(page, page.getByRole('main').getByRole('link', { name: 'Coordinator console' }));
    await keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Sittings' }).waitFor();
    await page.getByRole('row').filter({ hasText: 'Demo sitting (practice)' }).waitFor();
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: 'New sitting' }).click();
    await page.getByRole('heading', { level: 1, name: 'New sitting' }).waitFor();
    const form = page.getByRole('form', { name: 'Sitting' });
    await form
      .getByLabel('Part One form for IMH-E')
      .locator('option')
      .nth(1)
      .waitFor({ state: 'attached' });
    await expectNoAxeViolations(page);

    // Saving without a name is refused with an alert, not sent.
    await form.getByRole('button', { name: 'Save sitting' }).click();
    await form.getByRole('alert').filter({ hasText: 'Name: Give the sitting a name' }).waitFor();

    await form.getByLabel('Name', { exact: true }).fill('Autumn 2027 sitting');
    await form.getByLabel('Application cycle').selectOption('2027-Q3');
    await form.getByLabel('Date', { exact: true }).fill('2027-09-14');
    await form.getByLabel('Start time').fill('09:30');
    await form.getByLabel('Time zone', { exact: true }).selectOption('America/Detroit');
    await form.getByLabel('Location').fill('Training room 2, 400 Lake St');
    await form.getByLabel('Part One form for IMH-E').selectOption({ index: 1 });
    await form.getByLabel('Part One form for ECMH-E').selectOption({ index: 1 });
    const sets = form.getByRole('group', { name: 'Vignette sets' }).getByRole('checkbox');
    for (let i = 0; i < (await sets.count()); i += 1) await sets.nth(i).check();
    await form.getByRole('checkbox', { name: /Priya Proctor/ }).check();
    await form.getByLabel('Blocked').check();
    await form.getByRole('button', { name: 'Save sitting' }).click();

    await page.getByRole('heading', { level: 1, name: 'Autumn 2027 sitting' }).waitFor();
    const details = page.getByRole('region', { name: 'Details' });
    expect(await details.textContent()).toContain('2027-Q3 (deadline 31 July 2027)');
    expect(await details.textContent()).toContain('14 September 2027, 09:30 (America/Detroit)');
    expect(await details.textContent()).toContain('Priya Proctor');
    await expectNoAxeViolations(page);

    // Schedule it by keyboard.
    await tabTo(page, page.getByRole('button', { name: 'Schedule' }));
    await keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Status: Scheduled' }).waitFor();
    await page.getByText('No candidate is enrolled yet.').first().waitFor();

    // A file with bad rows: the report names each problem and offers no import.
    const csvInput = page.getByLabel('CSV file', { exact: true });
    await csvInput.setInputFiles(
      csvFile('bad.csv', [
        'email,name,endorsement,category,track,exam_endorsement',
        'candidate@demo.test,,IMH-E,mental-health-specialist,,',
        'mentor.policy@demo.test,,ECMH-E,mental-health-mentor,,',
        'someone@demo.test,Some One,IMH-E,family-associate,,',
      ]),
    );
    const report = page.getByRole('table', { name: 'Rows in the file' });
    await report.waitFor();
    await page.getByText('2 of 3 rows have problems').waitFor();
    expect(await report.textContent()).toContain('A Mentor needs a track');
    expect(await report.textContent()).toContain('Family Associate does not sit the exam');
    expect(await page.getByRole('button', { name: /^Import/ }).count()).toBe(0);
    await expectNoAxeViolations(page);

    // A good file, creating one account.
    await page.getByLabel('Create accounts for emails that have none').check();
    await csvInput.setInputFiles(
      csvFile('good.csv', [
        'email,name,endorsement,category,track,exam_endorsement',
        'candidate@demo.test,,IMH-E,mental-health-specialist,,',
        'mentor.policy@demo.test,,ECMH-E,mental-health-mentor,policy,',
        'new.dual@demo.test,Noa Dual,IECMH-E,mental-health-mentor,clinical,ECMH-E',
      ]),
    );
    await page.getByText('All 3 rows are valid and ready to import.').waitFor();
    await page.getByRole('button', { name: 'Import 3 candidates' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Imported 3 candidates from good.csv.' })
      .waitFor();
    await page
      .getByRole('list', { name: 'Invited addresses' })
      .getByText('new.dual@demo.test')
      .waitFor();
    const roster = page.getByRole('table', { name: '3 candidates enrolled' });
    await roster.waitFor();
    expect(await roster.getByRole('row').filter({ hasText: 'Noa Dual' }).textContent()).toContain(
      'ECMH-E',
    );
    await expectNoAxeViolations(page);

    // The readiness list now names what still stops it opening (the demo sitting holds them).
    await page
      .getByText(/also enrolled in "Demo sitting \(practice\)", which is open/)
      .first()
      .waitFor();

    // Preview a form as a candidate would see it.
    await page
      .getByRole('navigation', { name: 'Coordinator console' })
      .getByRole('link', { name: 'Forms' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Forms' }).waitFor();
    await page.getByRole('table', { name: /^Blueprint/ }).waitFor();
    await expectNoAxeViolations(page);
    await page
      .getByRole('link', { name: /^Preview/ })
      .first()
      .click();
    await page.getByRole('heading', { level: 1, name: /^Preview: / }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Question 1 of 60' }).waitFor();
    expect(await page.locator('.form-preview .option').count()).toBe(240);
    // Each question says how its options are ordered for candidates (the demo bank shuffles all).
    const layouts = page.locator('.form-preview .preview-layout');
    expect(await layouts.count()).toBe(60);
    expect(await layouts.first().textContent()).toBe('Options are shuffled for each candidate.');
    await expectNoAxeViolations(page);

    expect(problems).toEqual([]);
  });

  it('sets accommodations and passes axe on every console page', async () => {
    const { page, problems } = await harness.newPage();
    await signIn(page, 'coordinator@demo.test');
    await page.goto('/coordinator/candidates');
    await page.getByRole('heading', { level: 1, name: 'Candidates' }).waitFor();
    await page.getByRole('row').filter({ hasText: 'Casey Candidate' }).waitFor();
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: 'Accommodations for Casey Candidate' }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Accommodations for Casey Candidate' })
      .waitFor();
    await expectNoAxeViolations(page);
    // Three decimals are refused beside the field, from the keyboard, before anything is sent.
    const multiplier = page.getByLabel('Time multiplier');
    await multiplier.fill('1.333');
    await multiplier.press('Enter');
    await page
      .locator('.field-problem')
      .filter({ hasText: 'The time multiplier takes at most two decimals' })
      .waitFor();
    expect(await multiplier.getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(page);
    await multiplier.fill('1.5');
    await page.getByLabel('Extra minutes, Part One').fill('10');
    await page.getByLabel('Rest breaks').check();
    await page.getByLabel('Large text').check();
    await page.getByRole('button', { name: 'Save accommodations' }).click();
    await page.getByRole('status').filter({ hasText: 'Accommodations saved.' }).waitFor();
    await page.getByText('Last approved by Corin Coordinator, with no end date.').waitFor();

    await page.goto('/coordinator/candidates');
    await page
      .getByRole('row')
      .filter({ hasText: 'Casey Candidate' })
      .getByText('time × 1.5; +10 min Part One; rest breaks; large text')
      .waitFor();

    // An open sitting: only its proctors may still change.
    await page.goto('/coordinator');
    await page.getByRole('link', { name: 'Demo sitting (practice)' }).click();
    await page.getByRole('heading', { level: 2, name: 'Status: Open' }).waitFor();
    const proctors = page.getByRole('form', { name: 'Proctors' });
    await proctors.getByRole('checkbox', { name: /Priya Proctor/ }).waitFor();
    expect(await page.getByRole('link', { name: 'Edit the sitting' }).count()).toBe(0);
    await expectNoAxeViolations(page);
    await proctors.getByRole('button', { name: 'Save proctors' }).click();
    await proctors.getByRole('status').filter({ hasText: 'Proctors saved.' }).waitFor();

    await page.goto('/coordinator/bank');
    await page.getByRole('heading', { level: 1, name: 'Item bank' }).waitFor();
    await page.getByRole('table').waitFor();
    await page.getByLabel('Domain').selectOption('reflection');
    await page.getByRole('table', { name: /items?$/ }).waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole('table').getByRole('link').first().click();
    await page.getByRole('heading', { level: 1, name: 'Edit item' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Versions' }).waitFor();
    await expectNoAxeViolations(page);

    await page.goto('/coordinator/vignettes');
    await page.getByRole('heading', { level: 1, name: 'Vignette sets' }).waitFor();
    await page.getByRole('table').waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'New vignette set' }).click();
    await page.getByRole('heading', { level: 1, name: 'New vignette set' }).waitFor();
    await expectNoAxeViolations(page);

    expect(problems).toEqual([]);
  });

  it('writes and publishes an item, assembles a form and writes a vignette set', async () => {
    const { page, problems } = await harness.newPage();
    await signIn(page, 'coordinator@demo.test');

    await page.goto('/coordinator/bank/items/new');
    await page.getByRole('heading', { level: 1, name: 'New item' }).waitFor();
    const item = page.getByRole('form', { name: 'Item' });
    await item
      .getByLabel('Question')
      .fill('A toddler bites peers at child care. Which first step best supports the caregivers?');
    const options = [
      'Observe with the caregivers when and where the biting happens',
      'Move the toddler to another room',
      'Send the toddler home after each bite',
      'Tell the parents to punish biting at home',
    ];
    for (const [index, letter] of ['A', 'B', 'C', 'D'].entries()) {
      await item.getByLabel(`Option ${letter}`).fill(options[index]!);
    }
    await item.getByLabel('Domain').selectOption('direct-service-skills');
    // Kept in place and shuffling, from the keyboard: Tab reaches each box, Space ticks it.
    await item.getByLabel('Option D').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    const keepD = item.getByRole('checkbox', { name: 'Keep D in place' });
    expect(await keepD.isChecked()).toBe(true);
    await item.getByRole('button', { name: 'Save draft' }).click();
    await item.getByRole('status').filter({ hasText: 'Draft saved.' }).waitFor();
    await page.getByRole('heading', { level: 1, name: 'Edit item' }).waitFor();
    await tabTo(page, item.getByRole('button', { name: 'Publish' }));
    await page.keyboard.press('Enter');
    await item.getByRole('status').filter({ hasText: 'Published version 1.' }).waitFor();
    await page.getByText('Status: published, version 1 in use.').waitFor();
    // Publish takes its own button away: focus is on the status it changed, not the page body.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Status: published, version 1 in use.',
    );
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Edit item' }).waitFor();
    expect(await keepD.isChecked()).toBe(true);
    expect(
      await item
        .getByRole('checkbox', { name: 'Shuffle the options for each candidate' })
        .isChecked(),
    ).toBe(true);

    await page.goto('/coordinator/forms');
    const assemble = page.getByRole('form', { name: 'Assemble a form' });
    await assemble.getByLabel('Form name').fill('IMH-E autumn form');
    await assemble.getByLabel('Seed (optional)').fill('autumn-2027');
    await assemble.getByRole('button', { name: 'Assemble form' }).click();
    await assemble
      .getByRole('status')
      .filter({ hasText: 'Assembled "IMH-E autumn form" with 60 questions.' })
      .waitFor();
    const row = page.getByRole('row').filter({ hasText: 'IMH-E autumn form' });
    await row.getByRole('button', { name: 'Activate IMH-E autumn form' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: '"IMH-E autumn form" is now the active IMH-E form.' })
      .waitFor();

    await page.goto('/coordinator/vignettes/new');
    const set = page.getByRole('form', { name: 'Vignette set' });
    await set.getByLabel('Set title').fill('Autumn specialist set');
    await set.getByLabel('Vignettes to answer').fill('1');
    for (const n of [3, 2]) await set.getByRole('button', { name: `Remove vignette ${n}` }).click();
    await set.getByLabel('Vignette 1 title').fill('A new sibling');
    await set
      .getByLabel('Vignette 1 case')
      .fill('A mother brings her newborn and her toddler.\n\nThe toddler has stopped sleeping.');
    await set.getByLabel('Vignette 1 prompts').fill('What do you notice?\nWhat would you do next?');
    await set.getByRole('checkbox', { name: 'Reflection' }).check();
    await set.getByRole('button', { name: 'Save vignette set' }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit vignette set' }).waitFor();
    await set.getByRole('status').filter({ hasText: 'Saved "Autumn specialist set".' }).waitFor();
    expect(await set.getByLabel('Vignette 1 case').inputValue()).toBe(
      'A mother brings her newborn and her toddler.\n\nThe toddler has stopped sleeping.',
    );
    await expectNoAxeViolations(page);

    expect(problems).toEqual([]);
  });
});
