import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bankFormItems, bankForms } from '../src/db/schema/index.js';
import { createTestApp, loginAs, TEST_ORIGIN, type TestApp } from './helpers/test-app.js';

/**
 * The form preview says, per question, how its options move for candidates: the layout of the
 * item version the form holds (shuffled or not, and which options keep their place).
 */
let t: TestApp;
let editor: string;

beforeAll(async () => {
  t = await createTestApp();
  editor = await loginAs(t.app, 'admin@demo.test');
});
afterAll(() => t.close());

function call(method: 'GET' | 'POST', url: string, payload?: object) {
  return t.app.inject({
    method,
    url,
    headers: { cookie: editor, origin: TEST_ORIGIN },
    ...(payload ? { payload } : {}),
  });
}

/** Writes and publishes an item with this layout; returns its published version's id. */
async function published(stem: string, layout: object): Promise<string> {
  const created = await call('POST', '/api/bank/items', {
    stem,
    options: ['Name the feeling', 'Wait quietly', 'Offer a toy', 'All of the above'],
    keyIndex: 3,
    domain: 'communicating',
    ageBand: '0-3',
    ...layout,
  });
  expect(created.statusCode).toBe(201);
  const done = await call('POST', `/api/bank/items/${created.json().item.id}/publish`);
  expect(done.statusCode).toBe(200);
  return done.json().item.published.id as string;
}

describe('the form preview', () => {
  it('carries each question’s option layout, and still no key', async () => {
    const versions = [
      await published('Preview layout one: which response helps the parent most?', {
        fixedOptions: [3],
      }),
      await published('Preview layout two: which response helps the parent most?', {
        shuffle: false,
      }),
      await published('Preview layout three: which response helps the parent most?', {}),
    ];
    // A form holding exactly these three versions, as assembly would store it.
    const now = t.clock.now();
    const [form] = await t.database.db
      .insert(bankForms)
      .values({
        endorsement: 'IMH-E',
        name: 'Layout preview',
        status: 'draft',
        blueprint: { cells: [] },
        seed: 'layout-preview',
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await t.database.db
      .insert(bankFormItems)
      .values(
        versions.map((itemVersionId, i) => ({ formId: form!.id, position: i + 1, itemVersionId })),
      );

    const response = await call('GET', `/api/bank/forms/${form!.id}/preview`);
    expect(response.statusCode).toBe(200);
    const layouts = (
      response.json().questions as { position: number; shuffle: boolean; fixedOptions: number[] }[]
    ).map(({ position, shuffle, fixedOptions }) => ({ position, shuffle, fixedOptions }));
    expect(layouts).toEqual([
      { position: 1, shuffle: true, fixedOptions: [3] },
      { position: 2, shuffle: false, fixedOptions: [] },
      { position: 3, shuffle: true, fixedOptions: [] },
    ]);
    expect(response.body).not.toMatch(/"key\w*"\s*:/i);
  });
});
