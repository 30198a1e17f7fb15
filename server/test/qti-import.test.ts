import { readFileSync } from 'node:fs';
import { eq, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, bankItems, bankItemVersions } from '../src/db/schema/index.js';
import { useQtiImportApp } from './helpers/qti-import-app.js';
import { unzipText, zipFixture } from './helpers/qti-package.js';

/**
 * Importing QTI packages of other tools: the preview, the confirmed plan, choices kept in place,
 * and two confirmations at once. Hostile and broken packages are in qti-import-attacks.test.ts.
 */
const { world, upload, preview, confirm, snapshot } = useQtiImportApp();

describe('QTI import from another tool', () => {
  it('previews what it will create and every item it refuses, with the reason, changing nothing', async () => {
    const before = await snapshot();
    const response = await preview(zipFixture('other-tool'));
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.counts).toEqual({ create: 2, update: 0, unchanged: 0, refused: 6 });
    expect(body.items.map((i: { identifier: string }) => i.identifier)).toEqual([
      'oat-1001',
      'oat-1002',
    ]);
    // Stem from the body text and the prompt, inline markup dropped, white space collapsed.
    expect(body.items[0].stem).toBe(
      'A parent says their nine-month-old cries whenever she leaves the room. Which response best opens the conversation?',
    );
    const reasons = Object.fromEntries(
      body.refused.map((r: { file: string; reason: string }) => [r.file, r.reason]),
    );
    expect(reasons['items/oat-1003.xml']).toMatch(
      /Unsupported interaction qti-text-entry-interaction/,
    );
    expect(reasons['items/oat-1004.xml']).toMatch(/no correct response/);
    expect(reasons['items/oat-1005.xml']).toMatch(/Duplicate identifier/);
    expect(reasons['items/oat-1005-copy.xml']).toMatch(/Duplicate identifier/);
    expect(reasons['items/oat-1006.xml']).toMatch(/3 choices; bank items have exactly four/);
    expect(reasons['items/oat-1007.xml']).toMatch(/No competency domain/);
    expect(await snapshot()).toEqual(before);
  });

  it('applies the previewed plan on confirm, as drafts, audited; a second import updates instead of duplicating', async () => {
    const bytes = zipFixture('other-tool');
    const { planDigest } = (await preview(bytes)).json();
    const before = await snapshot();
    const applied = await confirm(bytes, planDigest);
    expect(applied.statusCode).toBe(200);
    const result = applied.json();
    expect(result.applied).toHaveLength(2);
    const after = await snapshot();
    expect(after.items).toBe(before.items + 2);
    const { db } = world.t.database;
    const [first] = await db
      .select()
      .from(bankItems)
      .where(eq(bankItems.qtiIdentifier, 'oat-1001'));
    expect(first).toMatchObject({ status: 'draft', id: result.applied[0].itemId });
    const versions = await db
      .select()
      .from(bankItemVersions)
      .where(eq(bankItemVersions.itemId, first!.id));
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ keyIndex: 1, domain: 'communicating', publishedAt: null });
    expect(versions[0]!.options[1]).toBe(
      'Reflect back what the parent said and ask what worries them most',
    );
    const audits = await db.select().from(auditLog).where(like(auditLog.action, 'bank.%import'));
    expect(audits.map((a) => a.action).sort()).toEqual([
      'bank.item.import',
      'bank.item.import',
      'bank.qti.import',
    ]);

    // The same package again: nothing new; a changed stem: a new draft of the same item.
    const again = (await preview(bytes)).json();
    expect(again.counts).toMatchObject({ create: 0, update: 0, unchanged: 2 });
    const changed = zipFixture('other-tool', {
      'items/oat-1002.xml': (await import('node:fs'))
        .readFileSync(
          new URL('../../test/fixtures/qti/other-tool/items/oat-1002.xml', import.meta.url),
          'utf8',
        )
        .replace(
          'What should the visitor do first?',
          'What should the visitor do before anything else?',
        ),
    });
    const update = (await preview(changed)).json();
    expect(update.counts).toMatchObject({ create: 0, update: 1, unchanged: 1 });
    expect(update.items.find((i: { action: string }) => i.action === 'update').itemId).toBe(
      result.applied[1].itemId,
    );
  });

  it('refuses a confirmation whose plan is not the one previewed, changing nothing', async () => {
    const bytes = zipFixture('one-bad');
    const { planDigest } = (await preview(bytes)).json();
    const before = await snapshot();
    const wrong = await confirm(
      bytes,
      planDigest.replace(/^./, (c: string) => (c === 'a' ? 'b' : 'a')),
    );
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().error.code).toBe('PLAN_CHANGED');
    const missing = await upload('/api/bank/qti/import/confirm', bytes);
    expect(missing.statusCode).toBe(400);
    expect(await snapshot()).toEqual(before);
  });
});

describe('QTI import of choices kept in place', () => {
  const fixture = (name: string) =>
    readFileSync(
      new URL(`../../test/fixtures/qti/fixed-choices/items/${name}`, import.meta.url),
      'utf8',
    );

  it('keeps fixed="true" choices and shuffle="false", exports them again, and sees a changed layout as an update', async () => {
    const bytes = zipFixture('fixed-choices');
    const { planDigest, counts } = (await preview(bytes)).json();
    expect(counts).toMatchObject({ create: 2, refused: 0 });
    const applied = (await confirm(bytes, planDigest)).json().applied as { itemId: string }[];
    const { db } = world.t.database;
    const stored = async (itemId: string) =>
      (await db.select().from(bankItemVersions).where(eq(bankItemVersions.itemId, itemId)))[0]!;
    const allAbove = await stored(applied[0]!.itemId);
    expect(allAbove).toMatchObject({ keyIndex: 3, shuffle: true, fixedOptions: [3] });
    expect(allAbove.options[3]).toBe('All of the above');
    expect(await stored(applied[1]!.itemId)).toMatchObject({ shuffle: false, fixedOptions: [] });

    // What this bank exports says the same of them.
    const exported = await world.t.app.inject({
      url: '/api/bank/qti/export',
      headers: { cookie: world.editor },
    });
    const files = unzipText(new Uint8Array(exported.rawPayload));
    const first = files.get(`items/item-${applied[0]!.itemId}-v1.xml`)!;
    expect(first).toContain('shuffle="true"');
    expect(first).toContain(
      '<qti-simple-choice identifier="D" fixed="true">All of the above</qti-simple-choice>',
    );
    expect(first.match(/fixed="true"/g)).toHaveLength(1);
    const second = files.get(`items/item-${applied[1]!.itemId}-v1.xml`)!;
    expect(second).toContain('shuffle="false"');
    expect(second).not.toContain('fixed=');

    expect((await preview(bytes)).json().counts).toMatchObject({ create: 0, unchanged: 2 });
    const loosened = zipFixture('fixed-choices', {
      'items/oat-3001.xml': fixture('oat-3001.xml').replace(' fixed="true"', ''),
      'items/oat-3002.xml': fixture('oat-3002.xml').replace('shuffle="false"', 'shuffle="true"'),
    });
    expect((await preview(loosened)).json().counts).toMatchObject({ update: 2, unchanged: 0 });
  });

  it('labels the item with its 100 KB identifier capped, and refuses an identifier too long to keep', async () => {
    const huge = 'v'.repeat(100_000);
    const bytes = zipFixture('fixed-choices', {
      'items/oat-3002.xml': fixture('oat-3002.xml')
        .replace('shuffle="false"', `shuffle="${huge}"`)
        .replace('identifier="oat-3002"', `identifier="oat-${huge}"`),
    });
    const response = await preview(bytes);
    expect(response.statusCode).toBe(200);
    expect(response.json().refused).toEqual([
      {
        identifier: `oat-${'v'.repeat(196)}…`,
        file: 'items/oat-3002.xml',
        reason: "The item's identifier is 100004 characters long; at most 200 are kept.",
      },
    ]);
    expect(response.body.length).toBeLessThan(5000);
  });
});

describe('QTI import confirmed twice at once', () => {
  it('applies the plan once; the other confirmation is told the plan changed', async () => {
    const bytes = zipFixture('other-tool', {
      'items/oat-1001.xml': 'not even xml',
      'items/oat-1002.xml': (await import('node:fs'))
        .readFileSync(
          new URL('../../test/fixtures/qti/other-tool/items/oat-1002.xml', import.meta.url),
          'utf8',
        )
        .replace('identifier="oat-1002"', 'identifier="oat-2002"'),
    });
    const { planDigest, counts } = (await preview(bytes)).json();
    expect(counts.create).toBe(1);
    const before = await snapshot();
    const [a, b] = await Promise.all([confirm(bytes, planDigest), confirm(bytes, planDigest)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r.statusCode === 409)!.json().error.code).toBe('PLAN_CHANGED');
    expect((await snapshot()).items).toBe(before.items + 1);
  });
});
