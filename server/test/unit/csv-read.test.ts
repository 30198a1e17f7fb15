import { describe, expect, it } from 'vitest';
import { parseAuthorisationCsv } from '../../src/modules/bookings/authorisation-csv.js';
import { parseEnrolmentCsv } from '../../src/modules/sittings/enrolment-csv.js';

/** An enrolment file as Excel writes it: CRLF, a quoted name with a comma and doubled quotes. */
const rows = [
  ['email', 'name', 'endorsement', 'category'],
  ['jose@example.org', '"Müller, José ""Pepe"""', 'IMH-E', 'mental-health-specialist'],
  ['ana@example.org', 'Ana Ávila', 'IMH-E', 'mental-health-specialist'],
];
const withSeparator = (sep: string) => rows.map((r) => r.join(sep)).join('\r\n') + '\r\n\r\n';
const names = (csv: string) => {
  const parsed = parseEnrolmentCsv(csv);
  return { fileErrors: parsed.fileErrors, rows: parsed.rows.map((r) => [r.line, r.displayName]) };
};
const expected = {
  fileErrors: [],
  rows: [
    [2, 'Müller, José "Pepe"'],
    [3, 'Ana Ávila'],
  ],
};

describe('CSV files as spreadsheets save them', () => {
  it('reads comma, semicolon (European Excel) and tab separated files, with a byte order mark', () => {
    expect(names(withSeparator(','))).toEqual(expected);
    expect(names(`\uFEFF${withSeparator(';')}`)).toEqual(expected);
    expect(names(withSeparator('\t'))).toEqual(expected);
  });

  it('honours a "sep=" first line as Excel does, not counting it as a row', () => {
    expect(names(`sep=,\r\n${withSeparator(',')}`)).toEqual(expected);
    expect(names(`\uFEFFsep=;\r\n${withSeparator(';')}`)).toEqual(expected);
    const authorisations = parseAuthorisationCsv(
      'sep=;\nemail;exam_endorsement;category\nana@example.org;IMH-E;mental-health-specialist\n',
    );
    expect(authorisations.fileErrors).toEqual([]);
    expect(authorisations.rows.map((r) => [r.line, r.email, r.examEndorsement])).toEqual([
      [2, 'ana@example.org', 'IMH-E'],
    ]);
  });

  it('refuses text that was not decoded as Unicode instead of importing replacement characters', () => {
    // A Windows-1252 save read as UTF-8: "José" arrives as "Jos\uFFFD".
    const latin = withSeparator(',').replace('José', 'Jos\uFFFD');
    const parsed = parseEnrolmentCsv(latin);
    expect(parsed.rows).toEqual([]);
    expect(parsed.fileErrors).toEqual([expect.stringMatching(/^Line 2: .*not UTF-8 text/)]);
    // A UTF-16 "Unicode Text" save read as UTF-8: NUL between every character.
    const wide = `\uFFFD\uFFFD${withSeparator('\t').split('').join('\u0000')}`;
    const authorisations = parseAuthorisationCsv(wide);
    expect(authorisations.rows).toEqual([]);
    expect(authorisations.fileErrors).toEqual([expect.stringMatching(/^Line 1: .*not UTF-8/)]);
  });
});
