import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/lib/app-error.js';
import { readItem } from '../../src/modules/bank/qti/qti-item-reader.js';
import { item, NS, resource, utf8 } from '../helpers/qti-items.js';

/*
 * QTI items as other authoring tools write them: their encodings, markup and entities. Their
 * packages are in qti-other-tool-packages.test.ts; shuffle and fixed choices in
 * qti-choice-layout.test.ts.
 */

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
