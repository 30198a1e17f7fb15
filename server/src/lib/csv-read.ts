import Papa from 'papaparse';

/** An uploaded CSV's header and records, or what makes the whole file unreadable. */
export interface CsvTable {
  /** Null when the file has none: `fileErrors` then says why. */
  header: string[] | null;
  /** The records after the header; blank ones kept, so record i is spreadsheet row i + 2. */
  records: string[][];
  fileErrors: string[];
}

/** `sep=;` as the first line: Excel writes it, and honours it, to fix the separator. */
const SEP_LINE = /^sep=([^\r\n])[ \t]*(?:\r\n|\n|\r|$)/i;

/**
 * Reads CSV text the way spreadsheets write it: a UTF-8 byte order mark, a `sep=` first line
 * (not counted as a row, as Excel does not show it), comma, semicolon or tab separators, quoted
 * cells with doubled quotes and line breaks. Text that was not decoded as Unicode is refused
 * instead of imported with replacement characters in names.
 */
export function readCsvTable(csv: string): CsvTable {
  let text = csv.replace(/^\uFEFF/, '');
  const unreadable = unreadableLine(text);
  if (unreadable !== null) {
    return {
      header: null,
      records: [],
      fileErrors: [
        `Line ${unreadable}: the file has characters that cannot be read, so it is not UTF-8 text. ` +
          'In Excel, save it as "CSV UTF-8 (Comma delimited)" and import that file.',
      ],
    };
  }
  let delimiter: string | undefined;
  const sep = SEP_LINE.exec(text);
  if (sep) {
    delimiter = sep[1];
    text = text.slice(sep[0].length);
  }
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false, delimiter });
  const fileErrors = parsed.errors
    .filter((e) => e.type !== 'Delimiter')
    .map((e) => `Line ${(e.row ?? 0) + 1}: ${e.message}.`);
  const [header, ...records] = parsed.data;
  if (!header || header.every((h) => h.trim() === '')) {
    return {
      header: null,
      records: [],
      fileErrors: fileErrors.length > 0 ? fileErrors : ['The file has no header row.'],
    };
  }
  return { header, records, fileErrors };
}

/**
 * The first line holding U+FFFD (bytes a UTF-8 reader could not decode: a Windows-1252 save
 * read as UTF-8) or NUL (a UTF-16 "Unicode text" save read as UTF-8), or null.
 */
function unreadableLine(text: string): number | null {
  // eslint-disable-next-line no-control-regex
  const at = text.search(/[\uFFFD\u0000]/);
  if (at < 0) return null;
  return text.slice(0, at).split(/\r\n|\n|\r/).length;
}
