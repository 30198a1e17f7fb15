import { readFileSync } from 'node:fs';
import { count, eq, like } from 'drizzle-orm';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, bankItems, bankItemVersions } from '../src/db/schema/index.js';
import { createTestApp, loginAs, TEST_ORIGIN, type TestApp } from './helpers/test-app.js';
import { unzipText, zipFixture } from './helpers/qti-package.js';

let t: TestApp;
let editor: string;

beforeAll(async () => {
  t = await createTestApp();
  editor = await loginAs(t.app, 'admin@demo.test');
});
afterAll(() => t.close());

function upload(url: string, bytes: Uint8Array, cookie = editor) {
  return t.app.inject({
    method: 'POST',
    url,
    headers: { cookie, origin: TEST_ORIGIN, 'content-type': 'application/zip' },
    payload: Buffer.from(bytes),
  });
}
const preview = (bytes: Uint8Array) => upload('/api/bank/qti/import/preview', bytes);
const confirm = (bytes: Uint8Array, plan: string) =>
  upload(`/api/bank/qti/import/confirm?plan=${plan}`, bytes);

/** Everything an import could change: items, versions and audit entries. */
async function snapshot() {
  const { db } = t.database;
  const [items] = await db.select({ n: count() }).from(bankItems);
  const [versions] = await db.select({ n: count() }).from(bankItemVersions);
  const [audits] = await db.select({ n: count() }).from(auditLog);
  return { items: items!.n, versions: versions!.n, audits: audits!.n };
}

const enc = (text: string) => new TextEncoder().encode(text);
const manifest = (resources = '') =>
  `<?xml version="1.0"?><manifest xmlns="http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1" identifier="m"><resources>${resources}</resources></manifest>`;

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
    const { db } = t.database;
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
    const { db } = t.database;
    const stored = async (itemId: string) =>
      (await db.select().from(bankItemVersions).where(eq(bankItemVersions.itemId, itemId)))[0]!;
    const allAbove = await stored(applied[0]!.itemId);
    expect(allAbove).toMatchObject({ keyIndex: 3, shuffle: true, fixedOptions: [3] });
    expect(allAbove.options[3]).toBe('All of the above');
    expect(await stored(applied[1]!.itemId)).toMatchObject({ shuffle: false, fixedOptions: [] });

    // What this bank exports says the same of them.
    const exported = await t.app.inject({
      url: '/api/bank/qti/export',
      headers: { cookie: editor },
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

describe('QTI import attacks', () => {
  const cases: [string, () => Uint8Array, number, string][] = [
    [
      'an external entity (XXE) in an item',
      () =>
        zipSync({
          'imsmanifest.xml': enc(
            manifest(
              '<resource identifier="x" type="imsqti_item_xmlv3p0" href="x.xml"><file href="x.xml"/></resource>',
            ),
          ),
          'x.xml': enc(
            '<?xml version="1.0"?><!DOCTYPE qti-assessment-item [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="x">&xxe;</qti-assessment-item>',
          ),
        }),
      422,
      'PACKAGE_XML_DTD',
    ],
    [
      'billion laughs in the manifest',
      () =>
        zipSync({
          'imsmanifest.xml': enc(
            `<?xml version="1.0"?><!DOCTYPE manifest [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]><manifest>&lol9;</manifest>`,
          ),
        }),
      422,
      'PACKAGE_XML_DTD',
    ],
    [
      'a zip-slip entry name',
      () => zipSync({ 'imsmanifest.xml': enc(manifest()), '../../etc/cron.d/x': enc('x') }),
      422,
      'PACKAGE_UNSAFE_PATH',
    ],
    [
      'an absolute entry name',
      () => zipSync({ 'imsmanifest.xml': enc(manifest()), '/tmp/x.xml': enc('x') }),
      422,
      'PACKAGE_UNSAFE_PATH',
    ],
    [
      'too many entries',
      () => {
        const files: Record<string, Uint8Array> = { 'imsmanifest.xml': enc(manifest()) };
        for (let i = 0; i < 5001; i += 1) files[`f/${i}.txt`] = new Uint8Array(0);
        return zipSync(files, { level: 0 });
      },
      422,
      'PACKAGE_TOO_MANY_ENTRIES',
    ],
    [
      'a zip bomb (a small file inflating past the caps)',
      () => zipSync({ 'imsmanifest.xml': new Uint8Array(64 * 1024 * 1024) }, { level: 9 }),
      413,
      'PACKAGE_TOO_LARGE',
    ],
    [
      'a file that is not a zip',
      () => enc('name,email\nAda,ada@example.test\n'),
      422,
      'PACKAGE_NOT_ZIP',
    ],
    ['a truncated zip', () => zipFixture('one-bad').subarray(0, 400), 422, 'PACKAGE_NOT_ZIP'],
    [
      'a malformed manifest',
      () => zipSync({ 'imsmanifest.xml': enc('<manifest><resources></manifest>') }),
      422,
      'PACKAGE_XML_INVALID',
    ],
    [
      'no manifest',
      () => zipSync({ 'items/a.xml': enc('<qti-assessment-item/>') }),
      422,
      'PACKAGE_NO_MANIFEST',
    ],
  ];

  it.each(cases)(
    'refuses %s with a clear error and stores nothing',
    async (_name, build, status, code) => {
      const before = await snapshot();
      const bytes = build();
      for (const response of [await preview(bytes), await confirm(bytes, 'f'.repeat(64))]) {
        expect(response.statusCode).toBe(status);
        expect(response.json().error.code).toBe(code);
        expect(response.json().error.message.length).toBeGreaterThan(10);
      }
      expect(await snapshot()).toEqual(before);
    },
  );

  it('refuses a package over 20 MiB before reading it', async () => {
    const before = await snapshot();
    const response = await preview(new Uint8Array(21 * 1024 * 1024));
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await snapshot()).toEqual(before);
  });

  it('takes the upload only from staff, and only as a zip body', async () => {
    const candidate = await loginAs(t.app, 'candidate@demo.test');
    expect(
      (await upload('/api/bank/qti/import/preview', zipFixture('one-bad'), candidate)).statusCode,
    ).toBe(403);
    const json = await t.app.inject({
      method: 'POST',
      url: '/api/bank/qti/import/preview',
      headers: { cookie: editor, origin: TEST_ORIGIN },
      payload: { package: 'x' },
    });
    expect(json.statusCode).toBe(415);
    expect(json.json().error.code).toBe('PACKAGE_CONTENT_TYPE');
    // The type Windows gives a .zip file is a zip body too.
    for (const type of ['application/x-zip-compressed', 'application/octet-stream']) {
      const windows = await t.app.inject({
        method: 'POST',
        url: '/api/bank/qti/import/preview',
        headers: { cookie: editor, origin: TEST_ORIGIN, 'content-type': type },
        payload: Buffer.from(zipFixture('one-bad')),
      });
      expect(windows.statusCode, type).toBe(200);
      // Whether they are new depends on the imports before: two items are read either way.
      expect(windows.json().items, type).toHaveLength(2);
    }
  });
});

describe('QTI import of a zip entry that lies about its size', () => {
  it('cuts the entry at its declared size, so it fails to parse instead of filling memory', async () => {
    const before = await snapshot();
    const padded = manifest() + ' '.repeat(10) + '<!-- padding -->'.repeat(200_000);
    const bytes = zipSync({ 'imsmanifest.xml': enc(padded) });
    // Declare 40 bytes in both the local header and the central directory.
    const view = Buffer.from(bytes);
    view.writeUInt32LE(40, 22);
    view.writeUInt32LE(40, view.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 24);
    const response = await preview(view);
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe('PACKAGE_XML_INVALID');
    expect(await snapshot()).toEqual(before);
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
