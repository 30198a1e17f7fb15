import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BankItemContent } from '@exam/shared/api';
import { users } from '../src/db/schema/index.js';
import { createAuditService } from '../src/modules/audit/index.js';
import { createBankService, type BankService } from '../src/modules/bank/index.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

let t: TestApp;
let bank: BankService;
let coordinator: { id: string };

beforeAll(async () => {
  t = await createTestApp();
  bank = createBankService({
    db: t.database.db,
    clock: t.clock,
    audit: createAuditService({ clock: t.clock }),
  });
  const [row] = await t.database.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, 'coordinator@demo.test'));
  coordinator = { id: row!.id };
});
afterAll(() => t.close());

const original: BankItemContent = {
  stem: 'A versioning test question about prenatal attachment, first wording.',
  options: ['First option', 'Second option', 'Third option', 'Fourth option'],
  keyIndex: 2,
  shuffle: true,
  fixedOptions: [],
  domain: 'administration',
  ageBand: 'prenatal',
};

describe('item versions', () => {
  it('creates a draft at version 1 that can be edited in place before publishing', async () => {
    const created = await bank.createItem(coordinator, original);
    expect(created.status).toBe('draft');
    expect(created.draft?.version).toBe(1);
    expect(created.published).toBeNull();

    const edited = await bank.updateItem(coordinator, created.id, { ...original, keyIndex: 1 });
    expect(edited.versions).toHaveLength(1);
    expect(edited.draft?.keyIndex).toBe(1);

    const published = await bank.publishItem(coordinator, created.id);
    expect(published.status).toBe('active');
    expect(published.draft).toBeNull();
    expect(published.published).toMatchObject({
      version: 1,
      keyIndex: 1,
      publishedBy: coordinator.id,
    });
  });

  it('keeps a published version immutable: editing opens version 2 and publishing it leaves 1 intact', async () => {
    const item = await bank.createItem(coordinator, original);
    const v1 = (await bank.publishItem(coordinator, item.id)).published!;

    const draft = await bank.updateItem(coordinator, item.id, {
      ...original,
      stem: 'A versioning test question about prenatal attachment, second wording.',
    });
    expect(draft.draft?.version).toBe(2);
    expect(draft.published).toEqual(v1);

    const after = await bank.publishItem(coordinator, item.id);
    expect(after.published?.version).toBe(2);
    expect(after.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(after.versions[1]).toEqual(v1);
  });

  it('has the database refuse any change to a published version', async () => {
    const item = await bank.createItem(coordinator, original);
    const v1 = (await bank.publishItem(coordinator, item.id)).published!;
    await expect(
      t.database.db.execute(sql`UPDATE bank_item_versions SET key_index = 0 WHERE id = ${v1.id}`),
    ).rejects.toThrow();
    await expect(
      t.database.db.execute(sql`DELETE FROM bank_item_versions WHERE id = ${v1.id}`),
    ).rejects.toThrow();
    expect((await bank.getItem(item.id)).published).toEqual(v1);
  });

  it('refuses to publish nothing, or a draft identical to the published version', async () => {
    const item = await bank.createItem(coordinator, original);
    await bank.publishItem(coordinator, item.id);
    await expect(bank.publishItem(coordinator, item.id)).rejects.toMatchObject({
      code: 'NOTHING_TO_PUBLISH',
    });
    await bank.updateItem(coordinator, item.id, original);
    await expect(bank.publishItem(coordinator, item.id)).rejects.toMatchObject({
      code: 'NO_CHANGES',
    });
  });

  it('keeps a form pointing at the version it pinned after the item moves on', async () => {
    // Its layout (the last option kept in place) is part of the version it pins.
    const item = await bank.createItem(coordinator, { ...original, fixedOptions: [3] });
    const v1 = (await bank.publishItem(coordinator, item.id)).published!;
    // Draw every active item of the cell, so the new item is certainly on the form.
    const { available } = await bank.blueprints();
    const cell = available.find((c) => c.domain === 'administration' && c.ageBand === 'prenatal')!;
    const form = await bank.assembleForm(coordinator, {
      endorsement: 'IMH-E',
      name: 'Pinning test',
      blueprint: { cells: [{ domain: 'administration', ageBand: 'prenatal', count: cell.count }] },
    });
    expect(form.items.map((i) => i.itemVersionId)).toContain(v1.id);

    await bank.updateItem(coordinator, item.id, {
      ...original,
      stem: 'A versioning test question about prenatal attachment, revised after the form.',
      keyIndex: 3,
      shuffle: false,
    });
    await bank.publishItem(coordinator, item.id);

    const pinned = (await bank.formItems(form.id)).find((i) => i.itemVersionId === v1.id);
    expect(pinned).toMatchObject({
      stem: original.stem,
      keyIndex: 2,
      shuffle: true,
      fixedOptions: [3],
    });
  });

  it('never draws a retired item into a new form, and keeps it unchangeable', async () => {
    const item = await bank.createItem(coordinator, { ...original, domain: 'thinking' });
    await bank.publishItem(coordinator, item.id);
    const retired = await bank.retireItem(coordinator, item.id);
    expect(retired.status).toBe('retired');
    const { available } = await bank.blueprints();
    const cell = available.find((c) => c.domain === 'thinking' && c.ageBand === 'prenatal')!;
    const form = await bank.assembleForm(coordinator, {
      endorsement: 'IMH-E',
      name: 'Retired test',
      blueprint: { cells: [{ domain: 'thinking', ageBand: 'prenatal', count: cell.count }] },
    });
    expect(form.items.map((i) => i.itemId)).not.toContain(item.id);
    await expect(bank.updateItem(coordinator, item.id, original)).rejects.toMatchObject({
      code: 'ITEM_RETIRED',
    });
  });

  it('draws only published content: an unpublished item is not in the pool', async () => {
    const before = (await bank.blueprints()).available;
    await bank.createItem(coordinator, { ...original, domain: 'communicating', ageBand: '3-6' });
    const after = (await bank.blueprints()).available;
    const count = (cells: typeof before) =>
      cells.find((c) => c.domain === 'communicating' && c.ageBand === '3-6')?.count;
    expect(count(after)).toBe(count(before));
  });
});

describe('forms for delivery', () => {
  it('has one active 60-item form per endorsement from the demo seed, keys included server-side', async () => {
    for (const endorsement of ['IMH-E', 'ECMH-E'] as const) {
      const active = await bank.activeFormFor(endorsement);
      expect(active).toMatchObject({ itemCount: 60 });
      const items = await bank.formItems(active!.formId);
      expect(items.map((i) => i.position)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
      for (const item of items) {
        expect(item.options).toHaveLength(4);
        expect(item.keyIndex).toBeGreaterThanOrEqual(0);
        expect(item.keyIndex).toBeLessThanOrEqual(3);
      }
      if (endorsement === 'IMH-E') expect(items.some((i) => i.ageBand === '3-6')).toBe(false);
    }
  });

  it('replaces the active form when another is activated', async () => {
    const previous = await bank.activeFormFor('ECMH-E');
    const form = await bank.assembleForm(coordinator, { endorsement: 'ECMH-E', name: 'Form B' });
    expect(form.status).toBe('draft');
    expect((await bank.activeFormFor('ECMH-E'))?.formId).toBe(previous?.formId);

    await bank.activateForm(coordinator, form.id);
    expect((await bank.activeFormFor('ECMH-E'))?.formId).toBe(form.id);
    expect((await bank.getForm(previous!.formId)).status).toBe('retired');
    await expect(bank.activateForm(coordinator, previous!.formId)).rejects.toMatchObject({
      code: 'FORM_RETIRED',
    });
  });

  it('answers an unknown form with no items', async () => {
    expect(await bank.formItems('00000000-0000-4000-8000-000000000000')).toEqual([]);
  });
});
