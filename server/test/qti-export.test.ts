import { count, eq, isNull, like } from 'drizzle-orm';
import { DOMParser } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, bankForms, bankItemVersions, users } from '../src/db/schema/index.js';
import { hashPassword } from '../src/modules/auth/index.js';
import { DEMO_PASSWORD } from '../src/seed/demo-people.js';
import { createTestApp, loginAs, TEST_ORIGIN, type TestApp } from './helpers/test-app.js';
import { unzipText } from './helpers/qti-package.js';

const QTI = 'http://www.imsglobal.org/xsd/imsqtiasi_v3p0';
const CP = 'http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1';

let source: TestApp;
let editor: string;

beforeAll(async () => {
  source = await createTestApp();
  editor = await loginAs(source.app, 'admin@demo.test');
});
afterAll(() => source.close());

async function download(t: TestApp, cookie: string, url: string) {
  const response = await t.app.inject({ url, headers: { cookie } });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toBe('application/zip');
  return new Uint8Array(response.rawPayload);
}

/** Parses strictly: any well-formedness error fails the test. */
function parse(text: string) {
  const errors: string[] = [];
  const doc = new DOMParser({
    onError: (level, m) => void (level !== 'warning' && errors.push(m)),
  }).parseFromString(text, 'text/xml');
  expect(errors).toEqual([]);
  return doc.documentElement!;
}

interface ItemView {
  stem: string;
  options: string[];
  key: string;
  /** The interaction's shuffle, and the identifiers of the choices marked fixed="true". */
  shuffle: string | null;
  fixed: string[];
  metadata: string;
}

/** An item as the package states it: text, key and its manifest metadata, by identifier. */
function itemsOf(files: Map<string, string>): Map<string, ItemView> {
  const manifest = parse(files.get('imsmanifest.xml')!);
  const out = new Map<string, ItemView>();
  for (const resource of Array.from(manifest.getElementsByTagNameNS(CP, 'resource'))) {
    if (resource.getAttribute('type') !== 'imsqti_item_xmlv3p0') continue;
    const item = parse(files.get(resource.getAttribute('href')!)!);
    const text = (name: string) =>
      Array.from(item.getElementsByTagNameNS(QTI, name)).map((e) => e.textContent ?? '');
    out.set(item.getAttribute('identifier')!, {
      stem: text('qti-prompt')[0]!,
      options: text('qti-simple-choice'),
      key: text('qti-value')[0]!.trim(),
      shuffle: item
        .getElementsByTagNameNS(QTI, 'qti-choice-interaction')[0]!
        .getAttribute('shuffle'),
      fixed: Array.from(item.getElementsByTagNameNS(QTI, 'qti-simple-choice'))
        .filter((choice) => choice.getAttribute('fixed') === 'true')
        .map((choice) => choice.getAttribute('identifier')!),
      metadata: resource.getElementsByTagNameNS(CP, 'metadata')[0]!.toString(),
    });
  }
  return out;
}

describe('QTI export', () => {
  it('exports every item version and every form, well-formed, in the QTI 3.0 namespaces, audited', async () => {
    const files = unzipText(await download(source, editor, '/api/bank/qti/export'));
    const { db } = source.database;
    const versions = await db.select().from(bankItemVersions);
    const [forms] = await db.select({ n: count() }).from(bankForms);
    const manifest = parse(files.get('imsmanifest.xml')!);
    expect(manifest.namespaceURI).toBe(CP);
    const resources = Array.from(manifest.getElementsByTagNameNS(CP, 'resource'));
    const types = resources.map((r) => r.getAttribute('type'));
    expect(types.filter((x) => x === 'imsqti_item_xmlv3p0')).toHaveLength(versions.length);
    expect(types.filter((x) => x === 'imsqti_test_xmlv3p0')).toHaveLength(forms!.n);

    const items = itemsOf(files);
    const sample = versions[0]!;
    const view = items.get(`item-${sample.itemId}-v${sample.version}`)!;
    expect(view.stem).toBe(sample.stem);
    expect(view.options).toEqual(sample.options);
    expect(view.key).toBe('ABCD'[sample.keyIndex]);
    expect(view.metadata).toContain(sample.domain);
    expect(view.metadata).toContain(`<lom:entry>${sample.itemId}</lom:entry>`);
    expect(view.metadata).toContain('<lom:version><lom:string>1</lom:string></lom:version>');
    expect(view.metadata).toContain('urn:exam-platform:endorsement');

    for (const [name, text] of files) {
      if (!name.endsWith('.xml') || name === 'imsmanifest.xml') continue;
      const root = parse(text);
      expect(root.namespaceURI, name).toBe(QTI);
      expect(['qti-assessment-item', 'qti-assessment-test']).toContain(root.localName);
    }
    const audits = await db.select().from(auditLog).where(eq(auditLog.action, 'bank.qti.export'));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.details).toMatchObject({ scope: 'bank', itemVersions: versions.length });
  });

  it('exports a form with the versions it pins, even after an item is revised', async () => {
    const { db } = source.database;
    const [form] = await db.select().from(bankForms).limit(1);
    const headers = { cookie: editor, origin: TEST_ORIGIN };
    const detail = (await source.app.inject({ url: `/api/bank/forms/${form!.id}`, headers })).json()
      .form as { items: { itemId: string; version: number }[] };
    const pinned = detail.items[0]!;
    const current = (
      await source.app.inject({ url: `/api/bank/items/${pinned.itemId}`, headers })
    ).json().item.published;
    const revise = await source.app.inject({
      method: 'PUT',
      url: `/api/bank/items/${pinned.itemId}`,
      headers,
      payload: {
        stem: `${current.stem} (revised)`,
        options: current.options,
        keyIndex: current.keyIndex,
        domain: current.domain,
        ageBand: current.ageBand,
      },
    });
    expect(revise.statusCode).toBe(200);
    const publish = await source.app.inject({
      method: 'POST',
      url: `/api/bank/items/${pinned.itemId}/publish`,
      headers,
    });
    expect(publish.json().item.published.version).toBe(2);

    const files = unzipText(await download(source, editor, `/api/bank/forms/${form!.id}/qti`));
    const items = itemsOf(files);
    expect(items.size).toBe(detail.items.length);
    expect(items.get(`item-${pinned.itemId}-v1`)?.stem).toBe(current.stem);
    expect(items.has(`item-${pinned.itemId}-v2`)).toBe(false);
    const test = parse(files.get(`tests/form-${form!.id}.xml`)!);
    const refs = Array.from(test.getElementsByTagNameNS(QTI, 'qti-assessment-item-ref'));
    expect(refs.map((r) => r.getAttribute('identifier'))).toEqual(
      detail.items.map((i) => `item-${i.itemId}-v${i.version}`),
    );
    const missing = await source.app.inject({
      url: '/api/bank/forms/00000000-0000-4000-8000-000000000000/qti',
      headers,
    });
    expect(missing.statusCode).toBe(404);
  });
});

describe('QTI round trip', () => {
  it('exports the demo bank, imports it into an empty database and exports an equivalent package', async () => {
    // Besides the demo bank: an item with "All of the above" kept last, one with its first and
    // last options kept, one not shuffled at all (each published, and one with a draft on top).
    const headers = { cookie: editor, origin: TEST_ORIGIN };
    const layouts = [
      { shuffle: true, fixedOptions: [3] },
      { shuffle: true, fixedOptions: [0, 3] },
      { shuffle: false, fixedOptions: [] },
    ];
    for (const [i, layout] of layouts.entries()) {
      const content = {
        stem: `A round-trip question ${i}: which of these helps a parent at bedtime?`,
        options: ['A calm routine', 'A night light', 'A favourite song', 'All of the above'],
        keyIndex: 3,
        domain: 'communicating',
        ageBand: '0-3',
        ...layout,
      };
      const created = await source.app.inject({
        method: 'POST',
        url: '/api/bank/items',
        headers,
        payload: content,
      });
      const id = created.json().item.id as string;
      await source.app.inject({ method: 'POST', url: `/api/bank/items/${id}/publish`, headers });
      if (i === 0) {
        await source.app.inject({
          method: 'PUT',
          url: `/api/bank/items/${id}`,
          headers,
          payload: { ...content, fixedOptions: [] },
        });
      }
    }
    const first = await download(source, editor, '/api/bank/qti/export');
    const empty = await createTestApp({ seed: false });
    try {
      // The bank is the programme's: its administrator imports, acting for no association.
      await empty.database.db.insert(users).values({
        email: 'admin@empty.test',
        displayName: 'Empty-bank administrator',
        passwordHash: await hashPassword(DEMO_PASSWORD),
        roles: ['admin'],
      });
      const cookie = await loginAs(empty.app, 'admin@empty.test');
      const send = (url: string) =>
        empty.app.inject({
          method: 'POST',
          url,
          headers: { cookie, origin: TEST_ORIGIN, 'content-type': 'application/zip' },
          payload: Buffer.from(first),
        });
      const preview = (await send('/api/bank/qti/import/preview')).json();
      const firstItems = itemsOf(unzipText(first));
      const itemIds = new Set([...firstItems.keys()].map((id) => id.replace(/-v\d+$/, '')));
      expect(preview.counts).toMatchObject({ create: itemIds.size, update: 0, unchanged: 0 });
      // Forms are not imported: each is listed, with the reason, and nothing else is refused.
      for (const refusal of preview.refused) expect(refusal.reason).toMatch(/A test \(form\)/);
      const confirmed = await send(`/api/bank/qti/import/confirm?plan=${preview.planDigest}`);
      expect(confirmed.statusCode).toBe(200);
      const drafts = await empty.database.db
        .select({ n: count() })
        .from(bankItemVersions)
        .where(isNull(bankItemVersions.publishedAt));
      // Published versions import published; the one draft made above stays a draft.
      expect(drafts[0]!.n).toBe(1);

      const second = itemsOf(unzipText(await download(empty, cookie, '/api/bank/qti/export')));
      expect([...second.keys()].sort()).toEqual([...firstItems.keys()].sort());
      for (const [identifier, view] of firstItems)
        expect(second.get(identifier), identifier).toEqual(view);
      // The layouts made the trip: both published versions and the draft above one of them.
      const views = [...second.values()].filter((v) => v.stem.startsWith('A round-trip question'));
      expect(views.map((v) => [v.shuffle, v.fixed]).sort()).toEqual(
        [
          ['true', ['D']],
          ['true', []],
          ['true', ['A', 'D']],
          ['false', []],
        ].sort(),
      );
      const imported = await empty.database.db
        .select()
        .from(bankItemVersions)
        .where(like(bankItemVersions.stem, 'A round-trip question%'));
      expect(
        imported.map((v) => [v.shuffle, v.fixedOptions, v.publishedAt !== null]).sort(),
      ).toEqual(
        [
          [true, [3], true],
          [true, [], false],
          [true, [0, 3], true],
          [false, [], true],
        ].sort(),
      );
    } finally {
      await empty.close();
    }
  });
});
