/**
 * Reads a text file a spreadsheet saved, in whatever encoding it chose. `File.text()` assumes
 * UTF-8, which turns Excel's "Unicode Text" (UTF-16 with a byte order mark) into NULs and a
 * Windows-1252 "CSV (Comma delimited)" save into replacement characters in names.
 */
export function decodeTextFile(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    // The UTF-8 decoder drops a byte order mark; fatal: any invalid sequence throws.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8: Excel's legacy CSV save, in the Western code page of most of its users.
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

export async function readTextFile(file: Blob): Promise<string> {
  return decodeTextFile(new Uint8Array(await file.arrayBuffer()));
}
