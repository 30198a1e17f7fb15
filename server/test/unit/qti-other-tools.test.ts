import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/lib/app-error.js';
import { readItem } from '../../src/modules/bank/qti/qti-item-reader.js';
import { readManifest } from '../../src/modules/bank/qti/qti-manifest-reader.js';
import { itemXml, packageEntries } from '../../src/modules/bank/qti/qti-writer.js';
import { readPackage } from '../../src/modules/bank/qti/qti-zip.js';
import { item, NS, resource, utf8 } from '../helpers/qti-items.js';

/** UTF-16 bytes of `text` with a byte order mark, as Windows tools save "Unicode". */
function utf16(text: string, bigEndian = false) {
  const bytes = Buffer.from(`\uFEFF${text}`, 'utf16le');
  return new Uint8Array(bigEndian ? bytes.swap16() : bytes);
}
const expected = {
  stem: 'A toddler bites at nursery. What comes first?',
  options: ['Wait and see', 'Ask the parent what they notice', 'Give a leaflet', 'None of these'],
  keyIndex: 1,
  shuffle: true,
  // "None of these" is written fixed="true": it stays last when the others are shuffled.
  fixedOptions: [3],
  domain: 'communicating',
  ageBand: '0-3',
};

describe('QTI items in the encodings other tools save', () => {
  it('reads UTF-16 (either byte order) and a declared ISO-8859-1, keeping accents', () => {
    const accented = item({ body: '<p>Un niño muerde en la guardería.</p>' });
    const want = { ...expected, stem: 'Un niño muerde en la guardería. What comes first?' };
    const latin = accented.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"');
    for (const bytes of [
      utf16(accented.replace('UTF-8', 'UTF-16')),
      utf16(accented.replace('UTF-8', 'UTF-16'), true),
      new Uint8Array(Buffer.from(latin, 'latin1')),
      utf8(`\uFEFF${accented}`),
    ])
      expect(readItem(bytes, resource)).toEqual({ ok: true, identifier: 'q1', content: want });
  });

  it('refuses bytes that are not the encoding they claim, naming the file', () => {
    const bytes = new Uint8Array(Buffer.from(item({ body: '<p>niño</p>' }), 'latin1'));
    expect(readItem(bytes, resource)).toEqual({
      ok: false,
      identifier: null,
      reason: 'items/q1.xml is not UTF-8 text and declares no other encoding.',
    });
  });

  it('refuses a DTD in a UTF-16 file as in any other', () => {
    const text = item().replace('?>', '?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>');
    expect(() => readItem(utf16(text), resource)).toThrow(AppError);
  });
});

describe('QTI item shapes of other tools', () => {
  it('reads a prefixed namespace, CRLF, comments, processing instructions, CDATA and any choice identifiers', () => {
    const prefixed = item({
      body: '<!-- authored --><?tool x?><p><![CDATA[A toddler]]> bites at nursery.</p>',
    })
      .replace(`xmlns="${NS}"`, `xmlns:qti="${NS}"`)
      .replace(/<(\/?)(qti-|p>)/g, '<$1qti:$2')
      .replace(/\n/g, '\r\n');
    expect(readItem(utf8(prefixed), resource)).toEqual({
      ok: true,
      identifier: 'q1',
      content: expected,
    });
  });

  it('takes the key from a mapping when the tool wrote no correct response', () => {
    const mapping = `<qti-mapping default-value="0"><qti-map-entry map-key="opt_1" mapped-value="0"/><qti-map-entry map-key="opt_2" mapped-value="1"/></qti-mapping>`;
    expect(readItem(utf8(item({ decl: mapping })), resource)).toEqual({
      ok: true,
      identifier: 'q1',
      content: expected,
    });
    const partial = `<qti-mapping default-value="0"><qti-map-entry map-key="opt_1" mapped-value="0.5"/><qti-map-entry map-key="opt_2" mapped-value="1"/></qti-mapping>`;
    expect(readItem(utf8(item({ decl: partial })), resource)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/mapping credits 2 choices; the bank needs exactly one/),
    });
  });

  it('refuses an item that needs a shared stimulus, or whose choices share an identifier', () => {
    const withStimulus = item().replace(
      '<qti-item-body>',
      '<qti-assessment-stimulus-ref identifier="s1" href="stimuli/s1.xml"/><qti-item-body>',
    );
    expect(readItem(utf8(withStimulus), resource)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/shared stimulus \(stimuli\/s1\.xml\)/),
    });
    const twice = item().replace('identifier="opt_3"', 'identifier="opt_2"');
    expect(readItem(utf8(twice), resource)).toMatchObject({
      ok: false,
      reason: 'Two choices share the identifier "opt_2".',
    });
  });
});

describe("HTML named character references in other tools' items", () => {
  const body =
    '<p title="caf&eacute;">A toddler&nbsp;bites &ndash; at the caf&eacute;&rsquo;s door &amp; cries.</p>';
  const choices = `<qti-simple-choice identifier="opt_1">Wait&hellip; and see</qti-simple-choice>
      <qti-simple-choice identifier="opt_2">Ask the parent&rsquo;s view</qti-simple-choice>
      <qti-simple-choice identifier="opt_3">Give a leaflet &ndash; in Espa&ntilde;ol</qti-simple-choice>
      <qti-simple-choice identifier="opt_4" fixed="true">None of these</qti-simple-choice>`;

  it('reads &nbsp; &ndash; &rsquo; &eacute; and the like as the characters they name', () => {
    const want = {
      ...expected,
      // A no-break space reads as white space, as the character written directly does.
      stem: 'A toddler bites \u2013 at the caf\u00e9\u2019s door & cries. What comes first?',
      options: [
        'Wait\u2026 and see',
        'Ask the parent\u2019s view',
        'Give a leaflet \u2013 in Espa\u00f1ol',
        'None of these',
      ],
    };
    expect(readItem(utf8(item({ body, choices })), resource)).toEqual({
      ok: true,
      identifier: 'q1',
      content: want,
    });
    // The same item with the characters themselves reads the same.
    const literal = item({
      body: body
        .replace('&nbsp;', '\u00a0')
        .replace('&ndash;', '\u2013')
        .replace(/&eacute;/g, '\u00e9')
        .replace('&rsquo;', '\u2019'),
      choices: choices
        .replace('&hellip;', '\u2026')
        .replace('&rsquo;', '\u2019')
        .replace('&ndash;', '\u2013')
        .replace('&ntilde;', '\u00f1'),
    });
    expect(readItem(utf8(literal), resource)).toEqual({
      ok: true,
      identifier: 'q1',
      content: want,
    });
  });

  it('leaves CDATA, comments and processing instructions as written', () => {
    const kept = item({
      body: '<!-- &foo; --><?tool &bar;?><p><![CDATA[A toddler &nbsp;]]>&nbsp;bites at nursery.</p>',
    });
    expect(readItem(utf8(kept), resource)).toMatchObject({
      ok: true,
      content: { stem: 'A toddler &nbsp; bites at nursery. What comes first?' },
    });
  });

  it('refuses a name neither XML nor HTML defines, naming it and the file', () => {
    const unknown = item({ body: '<p>A toddler &foo; bites at nursery.</p>' });
    expect(readItem(utf8(unknown), resource)).toEqual({
      ok: false,
      identifier: null,
      reason:
        'items/q1.xml uses the entity &foo;, which neither XML nor HTML defines; write the character itself or a numeric reference.',
    });
    // A legacy HTML prefix ("&not" in "&notit;") does not make an unknown name known.
    expect(readItem(utf8(item({ body: '<p>&notit;</p>' })), resource)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^items\/q1\.xml uses the entity &notit;/),
    });
  });

  it('still refuses a DTD, even one that only declares an HTML entity', () => {
    const declared = item({ body: '<p>A toddler&nbsp;bites.</p>' }).replace(
      '?>',
      '?><!DOCTYPE qti-assessment-item [<!ENTITY nbsp "&#160;">]>',
    );
    expect(() => readItem(utf8(declared), resource)).toThrow(
      expect.objectContaining({ code: 'PACKAGE_XML_DTD' }),
    );
  });
});

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

describe('QTI shuffle and fixed choices', () => {
  const read = (text: string) => readItem(utf8(text), resource);
  const layoutOf = (text: string) => {
    const result = read(text);
    if (!result.ok) throw new Error(result.reason);
    return { shuffle: result.content.shuffle, fixedOptions: result.content.fixedOptions };
  };
  const fixedAt = (...indexes: number[]) =>
    ['Wait and see', 'Ask the parent what they notice', 'Give a leaflet', 'None of these']
      .map(
        (text, i) =>
          `<qti-simple-choice identifier="opt_${i + 1}"${indexes.includes(i) ? ' fixed="true"' : ''}>${text}</qti-simple-choice>`,
      )
      .join('');

  it('keeps each fixed="true" choice and the interaction\'s shuffle', () => {
    expect(layoutOf(item({ choices: fixedAt(0, 3) }))).toEqual({
      shuffle: true,
      fixedOptions: [0, 3],
    });
    expect(layoutOf(item({ choices: fixedAt() }))).toEqual({ shuffle: true, fixedOptions: [] });
    const unshuffled = item().replace('shuffle="true"', 'shuffle="false"');
    expect(layoutOf(unshuffled)).toEqual({ shuffle: false, fixedOptions: [3] });
    // xs:boolean also allows 1 and 0, and fixed="false" says what its absence does.
    const digits = item({ choices: fixedAt(1).replace('fixed="true"', 'fixed="1"') }).replace(
      'shuffle="true"',
      'shuffle="0"',
    );
    expect(layoutOf(digits)).toEqual({ shuffle: false, fixedOptions: [1] });
    const explicit = item().replace('fixed="true"', 'fixed="false"');
    expect(layoutOf(explicit)).toEqual({ shuffle: true, fixedOptions: [] });
  });

  it('shuffles an item whose interaction does not say, as imports always did', () => {
    expect(layoutOf(item().replace(' shuffle="true"', ''))).toEqual({
      shuffle: true,
      fixedOptions: [3],
    });
  });

  it('reads shuffle="false" from our own first export version as not stated: those items were shuffled', () => {
    const ours = (version: string) =>
      item()
        .replace('shuffle="true"', 'shuffle="false"')
        .replace(
          'time-dependent="false"',
          `time-dependent="false" tool-name="exam-platform" tool-version="${version}"`,
        );
    expect(layoutOf(ours('1'))).toEqual({ shuffle: true, fixedOptions: [3] });
    expect(layoutOf(ours('2'))).toEqual({ shuffle: false, fixedOptions: [3] });
  });

  it('refuses a shuffle or fixed that is not a boolean, naming it', () => {
    expect(read(item().replace('shuffle="true"', 'shuffle="yes"'))).toEqual({
      ok: false,
      identifier: 'q1',
      reason: 'The interaction\'s shuffle="yes" is neither true nor false.',
    });
    expect(read(item().replace('fixed="true"', 'fixed="last"'))).toEqual({
      ok: false,
      identifier: 'q1',
      reason: 'Choice opt_4 has fixed="last", neither true nor false.',
    });
  });

  it('writes shuffle and fixed="true" so that reading the item back gives the same layout', () => {
    const version = {
      itemId: '11111111-1111-4111-8111-111111111111',
      itemStatus: 'active' as const,
      version: 2,
      published: true,
      stem: 'Which of these supports a parent who is worried about night waking?',
      options: ['Listen first', 'Ask what they notice', 'Keep a sleep diary', 'All of the above'],
      keyIndex: 3,
      domain: 'communicating' as const,
      ageBand: '0-3' as const,
      endorsements: ['IMH-E' as const],
    };
    for (const layout of [
      { shuffle: true, fixedOptions: [3] },
      { shuffle: true, fixedOptions: [0, 3] },
      { shuffle: false, fixedOptions: [] },
      { shuffle: true, fixedOptions: [] },
    ]) {
      const text = itemXml({ ...version, ...layout });
      expect(text).toContain(`shuffle="${layout.shuffle}"`);
      expect(text.match(/fixed="true"/g) ?? []).toHaveLength(layout.fixedOptions.length);
      expect(text).toContain('tool-name="exam-platform" tool-version="2"');
      expect(layoutOf(text)).toEqual(layout);
    }
  });
});
