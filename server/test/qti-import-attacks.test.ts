import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { useQtiImportApp } from './helpers/qti-import-app.js';
import { zipFixture } from './helpers/qti-package.js';
import { loginAs, TEST_ORIGIN } from './helpers/test-app.js';

/**
 * Hostile and broken QTI packages: each is refused with a clear error, before or while it is
 * read, and stores nothing. What a good package imports is in qti-import.test.ts.
 */
const { world, upload, preview, confirm, snapshot } = useQtiImportApp();

const enc = (text: string) => new TextEncoder().encode(text);
const manifest = (resources = '') =>
  `<?xml version="1.0"?><manifest xmlns="http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1" identifier="m"><resources>${resources}</resources></manifest>`;

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
    const candidate = await loginAs(world.t.app, 'candidate@demo.test');
    expect(
      (await upload('/api/bank/qti/import/preview', zipFixture('one-bad'), candidate)).statusCode,
    ).toBe(403);
    const json = await world.t.app.inject({
      method: 'POST',
      url: '/api/bank/qti/import/preview',
      headers: { cookie: world.editor, origin: TEST_ORIGIN },
      payload: { package: 'x' },
    });
    expect(json.statusCode).toBe(415);
    expect(json.json().error.code).toBe('PACKAGE_CONTENT_TYPE');
    // The type Windows gives a .zip file is a zip body too.
    for (const type of ['application/x-zip-compressed', 'application/octet-stream']) {
      const windows = await world.t.app.inject({
        method: 'POST',
        url: '/api/bank/qti/import/preview',
        headers: { cookie: world.editor, origin: TEST_ORIGIN, 'content-type': type },
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
