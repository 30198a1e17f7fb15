import Papa from 'papaparse';

/**
 * A cell a spreadsheet would run as a formula starts with = + - @ or a tab or carriage return;
 * such cells get a leading single quote. papaparse's own `escapeFormulae: true` anchors its
 * pattern at both ends, so "=cmd\nmore" would slip through: this one looks at the start only.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** CSV text (RFC 4180 quoting, CRLF rows) with every cell escaped against formula injection. */
export function toSafeCsv(
  header: readonly string[],
  rows: readonly (readonly unknown[])[],
): string {
  // Numbers stay numbers (a negative score is not a formula); everything else is text.
  const cells = rows.map((row) =>
    row.map((value) =>
      value === null || value === undefined
        ? ''
        : typeof value === 'number'
          ? value
          : String(value),
    ),
  );
  return Papa.unparse(
    { fields: [...header], data: cells },
    { escapeFormulae: FORMULA_START, newline: '\r\n', quotes: false },
  );
}
