import { asc, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../src/db/schema/index.js';
import { createAuditService } from '../src/modules/audit/index.js';
import { createTestApp, loginAs, TEST_ORIGIN, type TestApp } from './helpers/test-app.js';

let t: TestApp;
/** The programme's administrator: the only role that changes the bank (issue 20). */
let editor: string;

beforeAll(async () => {
  t = await createTestApp();
  editor = await loginAs(t.app, 'admin@demo.test');
});
afterAll(() => t.close());

function call(cookie: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
  return t.app.inject({
    method,
    url,
    headers: { cookie, origin: TEST_ORIGIN },
    ...(payload ? { payload } : {}),
  });
}

const newItem = {
  stem: 'A route test question: which response best supports a worried parent?',
  options: ['Listen first', 'Advise at once', 'Change the subject', 'Refer elsewhere'],
  keyIndex: 0,
  domain: 'communicating',
  ageBand: '0-3',
};

describe('bank access', () => {
  it('admits coordinators and admins, and refuses other roles and anonymous callers', async () => {
    const coordinator = await loginAs(t.app, 'coordinator@demo.test');
    expect((await call(coordinator, 'GET', '/api/bank/items')).statusCode).toBe(200);
    expect((await call(editor, 'GET', '/api/bank/forms')).statusCode).toBe(200);
    for (const email of ['proctor@demo.test', 'grader1@demo.test', 'candidate@demo.test']) {
      const cookie = await loginAs(t.app, email);
      const response = await call(cookie, 'GET', '/api/bank/items');
      expect(response.statusCode, email).toBe(403);
    }
    const anonymous = await t.app.inject({ url: '/api/bank/items' });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('items over HTTP', () => {
  it('lists the demo bank and filters by domain, age band and status', async () => {
    const all = (await call(editor, 'GET', '/api/bank/items')).json();
    expect(all.items.length).toBeGreaterThanOrEqual(150);
    const filtered = await call(
      editor,
      'GET',
      '/api/bank/items?domain=reflection&ageBand=3-6&status=active',
    );
    expect(filtered.statusCode).toBe(200);
    const items = filtered.json().items as { domain: string; ageBand: string; status: string }[];
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      expect(item).toMatchObject({ domain: 'reflection', ageBand: '3-6', status: 'active' });
    }
  });

  it('refuses malformed input with clear validation errors', async () => {
    const threeOptions = await call(editor, 'POST', '/api/bank/items', {
      ...newItem,
      options: ['a', 'b', 'c'],
    });
    expect(threeOptions.statusCode).toBe(400);
    expect(threeOptions.json().error.code).toBe('VALIDATION_FAILED');
    expect(threeOptions.json().error.message).toBe('Options takes at least 4 items.');

    const badKey = await call(editor, 'POST', '/api/bank/items', { ...newItem, keyIndex: 4 });
    expect(badKey.json().error.message).toBe('Key index must be at most 3.');

    const repeated = await call(editor, 'POST', '/api/bank/items', {
      ...newItem,
      options: ['Same', 'same', 'Other', 'Another'],
    });
    expect(repeated.json().error.message).toContain('The four options must all be different');

    const badFilter = await call(editor, 'GET', '/api/bank/items?domain=astrology');
    expect(badFilter.statusCode).toBe(400);
    expect(badFilter.json().error.message).toContain('Domain must be one of:');

    const badId = await call(editor, 'GET', '/api/bank/items/not-a-uuid');
    expect(badId.statusCode).toBe(400);
    const missing = await call(
      editor,
      'GET',
      '/api/bank/items/00000000-0000-4000-8000-000000000000',
    );
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('NOT_FOUND');
  });

  it('creates, publishes, revises and retires an item, auditing each change', async () => {
    const created = await call(editor, 'POST', '/api/bank/items', newItem);
    expect(created.statusCode).toBe(201);
    const id = created.json().item.id as string;

    expect((await call(editor, 'POST', `/api/bank/items/${id}/publish`)).statusCode).toBe(200);
    const revised = await call(editor, 'PUT', `/api/bank/items/${id}`, {
      ...newItem,
      keyIndex: 1,
    });
    expect(revised.json().item.draft.version).toBe(2);
    const republished = await call(editor, 'POST', `/api/bank/items/${id}/publish`);
    expect(republished.json().item.published).toMatchObject({ version: 2, keyIndex: 1 });
    const retired = await call(editor, 'POST', `/api/bank/items/${id}/retire`);
    expect(retired.json().item.status).toBe('retired');
    const again = await call(editor, 'POST', `/api/bank/items/${id}/retire`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ITEM_RETIRED');

    const entries = await t.database.db
      .select()
      .from(auditLog)
      .where(like(auditLog.action, 'bank.item.%'))
      .orderBy(asc(auditLog.id));
    const mine = entries.filter((e) => e.subjectId === id);
    expect(mine.map((e) => e.action)).toEqual([
      'bank.item.create',
      'bank.item.publish',
      'bank.item.update',
      'bank.item.publish',
      'bank.item.retire',
    ]);
    expect(new Set(mine.map((e) => e.actorId)).size).toBe(1);
    expect(mine.find((e) => e.action === 'bank.item.update')?.details).toEqual({
      version: 2,
      changed: ['keyIndex'],
    });
    expect(await createAuditService({ clock: t.clock }).verify(t.database.db)).toMatchObject({
      ok: true,
    });
  });
});

describe('options kept in place', () => {
  it('stores per version whether options are shuffled and which keep their place', async () => {
    // A client that sends neither gets what every item had before: all four shuffled.
    const created = await call(editor, 'POST', '/api/bank/items', newItem);
    const id = created.json().item.id as string;
    expect(created.json().item.draft).toMatchObject({ shuffle: true, fixedOptions: [] });
    await call(editor, 'POST', `/api/bank/items/${id}/publish`);

    const fixed = await call(editor, 'PUT', `/api/bank/items/${id}`, {
      ...newItem,
      fixedOptions: [3, 0],
    });
    expect(fixed.statusCode).toBe(200);
    // Sorted as stored; the published version keeps the layout it was published with.
    expect(fixed.json().item.draft).toMatchObject({ version: 2, fixedOptions: [0, 3] });
    expect(fixed.json().item.published).toMatchObject({ version: 1, fixedOptions: [] });
    // Only the layout changed, and that is a change worth publishing.
    const published = await call(editor, 'POST', `/api/bank/items/${id}/publish`);
    expect(published.statusCode).toBe(200);
    expect(published.json().item.published).toMatchObject({
      version: 2,
      shuffle: true,
      fixedOptions: [0, 3],
    });

    const unshuffled = await call(editor, 'PUT', `/api/bank/items/${id}`, {
      ...newItem,
      shuffle: false,
      fixedOptions: [0, 3],
    });
    expect(unshuffled.json().item.draft).toMatchObject({ version: 3, shuffle: false });
    const updates = await t.database.db
      .select()
      .from(auditLog)
      .where(like(auditLog.action, 'bank.item.update'))
      .orderBy(asc(auditLog.id));
    expect(updates.filter((e) => e.subjectId === id).map((e) => e.details)).toEqual([
      { version: 2, changed: ['fixedOptions'] },
      { version: 3, changed: ['shuffle'] },
    ]);
  });

  it('refuses a fixed option that is not one of the four, or one listed twice, changing nothing', async () => {
    const created = await call(editor, 'POST', '/api/bank/items', newItem);
    const id = created.json().item.id as string;
    const before = (await call(editor, 'GET', `/api/bank/items/${id}`)).json().item;
    for (const [fixedOptions, message] of [
      [[4], 'Fixed options 1 must be at most 3.'],
      [[1, 1], 'An option is listed as fixed twice'],
      ['D', 'Fixed options should be a list.'],
    ] as const) {
      const response = await call(editor, 'PUT', `/api/bank/items/${id}`, {
        ...newItem,
        fixedOptions,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
      expect(response.json().error.message).toContain(message);
    }
    const notBoolean = await call(editor, 'PUT', `/api/bank/items/${id}`, {
      ...newItem,
      shuffle: 'no',
    });
    expect(notBoolean.json().error.message).toBe('Shuffle should be true or false.');
    expect((await call(editor, 'GET', `/api/bank/items/${id}`)).json().item).toEqual(before);
  });
});

describe('forms over HTTP', () => {
  it('offers the default blueprints and what the bank can fill', async () => {
    const response = await call(editor, 'GET', '/api/bank/blueprints');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(Object.keys(body.defaults).sort()).toEqual(['ECMH-E', 'IMH-E']);
    expect(body.available.length).toBe(30);
  });

  it('assembles a draft form, activates it, and audits both', async () => {
    const assembled = await call(editor, 'POST', '/api/bank/forms', {
      endorsement: 'IMH-E',
      name: 'IMH-E spring form',
      seed: 'spring',
    });
    expect(assembled.statusCode).toBe(201);
    const form = assembled.json().form;
    expect(form).toMatchObject({ status: 'draft', itemCount: 60, seed: 'spring' });
    expect(form.items.some((i: { ageBand: string }) => i.ageBand === '3-6')).toBe(false);

    const activated = await call(editor, 'POST', `/api/bank/forms/${form.id}/activate`);
    expect(activated.json().form.status).toBe('active');
    const list = (await call(editor, 'GET', '/api/bank/forms')).json().forms;
    const active = list.filter(
      (f: { endorsement: string; status: string }) => f.status === 'active',
    );
    expect(active.map((f: { endorsement: string }) => f.endorsement).sort()).toEqual([
      'ECMH-E',
      'IMH-E',
    ]);

    const actions = (
      await t.database.db.select().from(auditLog).where(like(auditLog.action, 'bank.form.%'))
    )
      .filter((e) => e.subjectId === form.id)
      .map((e) => e.action);
    expect(actions).toEqual(['bank.form.assemble', 'bank.form.activate']);
  });

  it('explains a blueprint it cannot honour', async () => {
    const outOfScope = await call(editor, 'POST', '/api/bank/forms', {
      endorsement: 'IMH-E',
      name: 'Bad',
      blueprint: { cells: [{ domain: 'thinking', ageBand: '3-6', count: 1 }] },
    });
    expect(outOfScope.statusCode).toBe(422);
    expect(outOfScope.json().error.code).toBe('BLUEPRINT_INVALID');

    const tooMany = await call(editor, 'POST', '/api/bank/forms', {
      endorsement: 'ECMH-E',
      name: 'Too big',
      blueprint: { cells: [{ domain: 'administration', ageBand: 'prenatal', count: 99 }] },
    });
    expect(tooMany.statusCode).toBe(409);
    expect(tooMany.json().error.code).toBe('BANK_INSUFFICIENT');
    expect(tooMany.json().error.message).toContain('Administration, Prenatal needs 99');

    const duplicate = await call(editor, 'POST', '/api/bank/forms', {
      endorsement: 'ECMH-E',
      name: 'Twice',
      blueprint: {
        cells: [
          { domain: 'thinking', ageBand: '3-6', count: 1 },
          { domain: 'thinking', ageBand: '3-6', count: 1 },
        ],
      },
    });
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.json().error.message).toContain('only once');
  });

  it('previews a form as a candidate sees it, with no key anywhere in the payload', async () => {
    const forms = (await call(editor, 'GET', '/api/bank/forms')).json().forms;
    const form = forms.find((f: { endorsement: string }) => f.endorsement === 'ECMH-E');
    const response = await call(editor, 'GET', `/api/bank/forms/${form.id}/preview`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.questions).toHaveLength(60);
    for (const question of body.questions) {
      expect(Object.keys(question).sort()).toEqual([
        'fixedOptions',
        'options',
        'position',
        'shuffle',
        'stem',
      ]);
    }
    expect(response.body).not.toMatch(/"key\w*"\s*:/i);
    expect(response.body).not.toContain('ageBand');
  });
});
