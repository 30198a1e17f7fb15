import { describe, expect, it } from 'vitest';
import { decodeTextFile } from '../src/lib/text-file';

const csv = 'email,name\r\njose@example.org,José Müller\r\n';

/** The bytes of `text` in UTF-16 with a byte order mark, as Excel saves "Unicode Text". */
function utf16(text: string, bigEndian: boolean): Uint8Array {
  const units = [0xfeff, ...Array.from(text, (c) => c.charCodeAt(0))];
  const bytes = new Uint8Array(units.length * 2);
  const view = new DataView(bytes.buffer);
  units.forEach((unit, i) => view.setUint16(i * 2, unit, !bigEndian));
  return bytes;
}

describe('reading a CSV file as a spreadsheet saved it', () => {
  it('reads UTF-8, with or without a byte order mark', () => {
    const bytes = new TextEncoder().encode(csv);
    expect(decodeTextFile(bytes)).toBe(csv);
    expect(decodeTextFile(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]))).toBe(csv);
  });

  it('reads Excel\'s "Unicode Text" (UTF-16 with a byte order mark), little- and big-endian', () => {
    expect(decodeTextFile(utf16(csv, false))).toBe(csv);
    expect(decodeTextFile(utf16(csv, true))).toBe(csv);
  });

  it('reads a legacy Windows-1252 save instead of putting replacement characters in names', () => {
    // Every character of the text is below U+0100: one byte each in Windows-1252.
    const bytes = new Uint8Array(Array.from(csv, (c) => c.charCodeAt(0)));
    expect(decodeTextFile(bytes)).toBe(csv);
  });
});
