import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readManifest } from '../../src/modules/bank/qti/qti-manifest-reader.js';
import { itemXml, packageEntries } from '../../src/modules/bank/qti/qti-writer.js';
import { readPackage } from '../../src/modules/bank/qti/qti-zip.js';
import { item, utf8 } from '../helpers/qti-items.js';

/*
 * QTI packages exchanged with other tools: the manifests and zips they write, and what ours must
 * hold for a stricter reader. Their items are in qti-other-tools.test.ts.
 */

describe('QTI content packages of other tools', () => {
  const entry = (type: string, href: string, extra = '') =>
    `<resource identifier="R-${href}" type="${type}" href="${href}"${extra}><file href="${href}"/></resource>`;
  const manifest = (resources: string, attrs = '') =>
    utf8(
      `<?xml version="1.0"?><imscp:manifest xmlns:imscp="http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1" identifier="m"><imscp:resources${attrs}>${resources.replace(/<(\/?)(resource|file)/g, '<$1imscp:$2')}</imscp:resources></imscp:manifest>`,
    );

  it('reports every QTI 1.x or 2.x resource as refused, naming its version', () => {
    const files = readPackage(
      zipSync({
        'imsmanifest.xml': manifest(
          entry('imsqti_item_xmlv2p1', 'i1.xml') +
            entry('imsqti_test_xmlv2p1', 't1.xml') +
            entry('imsqti_xmlv1p2', 'quiz.xml') +
            entry('webcontent', 'style.css'),
        ),
        'i1.xml': utf8('<assessmentItem/>'),
        't1.xml': utf8('<assessmentTest/>'),
        'quiz.xml': utf8('<questestinterop/>'),
        'style.css': utf8('p{}'),
      }),
    );
    const { items, skipped } = readManifest(files);
    expect(items).toEqual([]);
    expect(skipped.map((s) => [s.file, s.reason.split(';')[0]])).toEqual([
      ['i1.xml', 'Resource type imsqti_item_xmlv2p1 is QTI 2.1'],
      ['t1.xml', 'Resource type imsqti_test_xmlv2p1 is QTI 2.1'],
      ['quiz.xml', 'Resource type imsqti_xmlv1p2 is QTI 1.2'],
    ]);
  });

  it('says so when a manifest lists nothing to import', () => {
    const files = readPackage(
      zipSync({ 'imsmanifest.xml': manifest(entry('webcontent', 'a.css')) }),
    );
    expect(readManifest(files).skipped).toEqual([
      {
        identifier: null,
        file: 'imsmanifest.xml',
        reason: 'The manifest lists no QTI items (resources of type imsqti_item_xmlv3p0).',
      },
    ]);
  });

  it('finds items by percent-encoded, "./" and xml:base references, and in a zipped folder', () => {
    const files = readPackage(
      zipSync({
        'export/imsmanifest.xml': manifest(
          entry('imsqti_item_xmlv3p0', 'item%20one.xml', ' xml:base="items/"') +
            entry('imsqti_item_xmlv3p0', './items/two.xml') +
            entry('imsqti_item_xmlv3p0', 'https://example.org/three.xml') +
            entry('imsqti_item_xmlv3p0', '../outside.xml'),
        ),
        'export/items/item one.xml': utf8(item()),
        'export/items/two.xml': utf8(item()),
      }),
    );
    const { items, skipped } = readManifest(files);
    expect(items.map((i) => i.file)).toEqual(['export/items/item one.xml', 'export/items/two.xml']);
    expect(skipped.map((s) => s.file)).toEqual(['https://example.org/three.xml', '../outside.xml']);
  });
});

describe('QTI packages zipped on Windows', () => {
  it('reads entry names written with backslashes, still refusing one that climbs out', () => {
    const manifestXml = utf8(
      `<?xml version="1.0"?><manifest xmlns="http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1" identifier="m"><resources><resource identifier="R1" type="imsqti_item_xmlv3p0" href="items/q1.xml"><file href="items/q1.xml"/></resource></resources></manifest>`,
    );
    const files = readPackage(
      zipSync({ 'imsmanifest.xml': manifestXml, 'items\\q1.xml': utf8(item()) }),
    );
    expect(readManifest(files).items.map((i) => i.file)).toEqual(['items/q1.xml']);
    const climbing = zipSync({ 'imsmanifest.xml': manifestXml, '..\\..\\evil.xml': utf8('x') });
    expect(() => readPackage(climbing)).toThrow(/plain relative paths/);
  });
});

describe('QTI export read by stricter parsers', () => {
  it('writes no character XML 1.0 forbids, even when a stem holds a pasted control character', () => {
    const version = {
      itemId: '11111111-1111-4111-8111-111111111111',
      itemStatus: 'active' as const,
      version: 1,
      published: true,
      // A vertical tab is Word's manual line break; \u0001 and \uFFFF come from broken pastes.
      stem: 'A parent asks\u000bwhat to do \u0001 about night waking\uffff.',
      options: ['One\u000c', 'Two', 'Three', 'Four'],
      keyIndex: 1,
      shuffle: true,
      fixedOptions: [],
      domain: 'communicating' as const,
      ageBand: '0-3' as const,
      endorsements: ['IMH-E' as const],
    };
    for (const entry of packageEntries('m', [version], [])) {
      // eslint-disable-next-line no-control-regex
      expect(entry.text).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
    }
    const text = itemXml(version);
    expect(text).toContain(
      '<qti-prompt>A parent asks what to do   about night waking .</qti-prompt>',
    );
  });
});
