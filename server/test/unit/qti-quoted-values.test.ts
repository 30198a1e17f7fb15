import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { excerpt } from '../../src/modules/bank/qti/qti-excerpt.js';
import { IDENTIFIER_MAX, readItem } from '../../src/modules/bank/qti/qti-item-reader.js';
import { readManifest } from '../../src/modules/bank/qti/qti-manifest-reader.js';
import { readPackage } from '../../src/modules/bank/qti/qti-zip.js';
import { item, resource, utf8 } from '../helpers/qti-items.js';

/** A value no refusal should carry whole: 100 KB of one letter. */
const huge = (letter = 'v') => letter.repeat(100_000);
const cut = (letter = 'v') => `${letter.repeat(40)}…`;

function reasonOf(text: string, of = resource): string {
  const result = readItem(utf8(text), of);
  if (result.ok) throw new Error('expected a refusal');
  return result.reason;
}

describe('how a refusal quotes an authored value', () => {
  it('keeps a short value, cuts a long one at 40 characters and shows what cannot be seen', () => {
    expect(excerpt('opt_4')).toBe('opt_4');
    expect(excerpt('v'.repeat(40))).toBe('v'.repeat(40));
    expect(excerpt(huge())).toBe(cut());
    // A vertical tab, a right-to-left override and a zero-width space, each named.
    expect(excerpt('yes\u000b\u202Eeurt\u200b')).toBe('yes[U+000B][U+202E]eurt[U+200B]');
    // A marker is never cut in half: it goes whole or not at all.
    expect(excerpt(`${'v'.repeat(35)}\u0001`)).toBe(`${'v'.repeat(35)}…`);
  });
});

describe("another tool's item identifier", () => {
  it('keeps one of 200 characters and refuses a longer one, saying how long it is', () => {
    const named = (identifier: string) =>
      item().replace(/identifier="([^"]*)"/, `identifier="${identifier}"`);
    expect(readItem(utf8(named('i'.repeat(IDENTIFIER_MAX))), resource).ok).toBe(true);
    expect(reasonOf(named('i'.repeat(IDENTIFIER_MAX + 1)))).toBe(
      "The item's identifier is 201 characters long; at most 200 are kept.",
    );
  });
});

describe('QTI refusals quote authored values capped', () => {
  it('quotes a 100 KB shuffle or fixed, and the choice it is on, as 40 characters and an ellipsis', () => {
    expect(reasonOf(item().replace('shuffle="true"', `shuffle="${huge()}"`))).toBe(
      `The interaction's shuffle="${cut()}" is neither true nor false.`,
    );
    const fixed = item()
      .replace('identifier="opt_4"', `identifier="${huge('i')}"`)
      .replace('fixed="true"', `fixed="${huge()}"`);
    expect(reasonOf(fixed)).toBe(
      `Choice ${cut('i')} has fixed="${cut()}", neither true nor false.`,
    );
    // Characters that cannot be seen, or that reorder the text after them, are named.
    const hidden = item().replace('fixed="true"', 'fixed="true&#x202E;&#x0B;"');
    expect(reasonOf(hidden)).toBe(
      'Choice opt_4 has fixed="true[U+202E][U+000B]", neither true nor false.',
    );
  });

  const v36 = 'v'.repeat(36);
  /** Each place an item's own words are quoted, and the quote its refusal must hold. */
  const cases: [string, string, string][] = [
    [
      'a root element',
      item().replace(/qti-assessment-item/g, `qti-${huge()}`),
      `found qti-${v36}… in`,
    ],
    [
      'a stimulus reference',
      item().replace(
        '<qti-item-body>',
        `<qti-assessment-stimulus-ref identifier="s" href="${huge()}"/><qti-item-body>`,
      ),
      `shared stimulus (${cut()}),`,
    ],
    [
      'an interaction',
      item().replace(/qti-choice-interaction/g, `qti-${huge()}-interaction`),
      `Unsupported interaction qti-${v36}…:`,
    ],
    [
      'an element in the body',
      item({ body: `<${huge()}>x</${huge()}>` }),
      `The item holds <${cut()}>,`,
    ],
    [
      'max-choices',
      item().replace('max-choices="1"', `max-choices="${huge()}"`),
      `allows ${cut()} choices`,
    ],
    [
      'a response identifier',
      item().replace('response-identifier="RESPONSE"', `response-identifier="${huge()}"`),
      `No qti-response-declaration for ${cut()}:`,
    ],
    [
      'a cardinality',
      item().replace('cardinality="single"', `cardinality="${huge()}"`),
      `cardinality ${cut()};`,
    ],
    [
      'a repeated choice identifier',
      item()
        .replace('identifier="opt_1"', `identifier="${huge()}"`)
        .replace('identifier="opt_2"', `identifier="${huge()}"`),
      `share the identifier "${cut()}".`,
    ],
    [
      'a correct response',
      item({
        decl: `<qti-correct-response><qti-value>${huge()}</qti-value></qti-correct-response>`,
      }),
      `The correct response ${cut()} is not`,
    ],
    ['an entity name', item({ body: `<p>&${huge()};</p>` }), `the entity &${cut()};,`],
  ];

  it.each(cases)('quotes %s capped', (_name, text, quote) => {
    const reason = reasonOf(text);
    expect(reason).toContain(quote);
    expect(reason.length).toBeLessThan(300);
  });

  it("quotes the parser's own words, which quote the file, capped", () => {
    const reason = reasonOf(item({ body: `<p>${huge()}</${huge('w')}>` }));
    expect(reason).toMatch(
      /^items\/q1\.xml is not well-formed XML: Opening and ending tag mismatch/,
    );
    expect(reason).toMatch(/w…\.$/);
    expect(reason.length).toBeLessThan(300);
  });

  it('quotes a domain or age band from the manifest capped', () => {
    expect(reasonOf(item(), { ...resource, domain: huge() })).toBe(
      `Unknown competency domain "${cut()}".`,
    );
    expect(reasonOf(item(), { ...resource, ageBand: huge() })).toBe(`Unknown age band "${cut()}".`);
  });

  it('quotes a resource type, a missing file and an unsafe entry name capped', () => {
    const manifest = (resources: string) =>
      utf8(
        `<?xml version="1.0"?><manifest xmlns="http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1" identifier="m"><resources>${resources}</resources></manifest>`,
      );
    const { skipped } = readManifest(
      readPackage(
        zipSync({
          'imsmanifest.xml': manifest(
            `<resource identifier="a" type="imsqti_${huge()}" href="a.xml"/>` +
              `<resource identifier="b" type="imsqti_item_xmlv3p0" href="${huge()}"/>`,
          ),
        }),
      ),
    );
    expect(skipped.map((s) => s.reason)).toEqual([
      `Resource type imsqti_${'v'.repeat(33)}… is an earlier QTI version; the bank imports QTI 3.0 items (imsqti_item_xmlv3p0) only: export them from the authoring tool as QTI 3.0.`,
      `The manifest names ${cut()}, which is not a file in the package.`,
    ]);
    const unsafe = zipSync({
      'imsmanifest.xml': manifest(''),
      [`a\u0001${'v'.repeat(300)}`]: utf8('x'),
    });
    expect(() => readPackage(unsafe)).toThrow(
      `The package has an entry named "a[U+0001]${'v'.repeat(191)}…"; names must be plain relative paths.`,
    );
  });
});
