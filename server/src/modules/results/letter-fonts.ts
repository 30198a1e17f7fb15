import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The letter's typeface, embedded (subset) in every PDF. pdfkit's built-in Helvetica knows only
 * the Windows-1252 characters: "Łukasz Żółć" or "Nguyễn" came out as other glyphs on a results
 * letter. DejaVu Sans (Bitstream Vera licence, free to redistribute: see assets/fonts/LICENSE)
 * covers Latin with Vietnamese, Greek and Cyrillic.
 */
export const LETTER_FONT = { regular: 'Letter', bold: 'Letter-Bold' } as const;

const files = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' };

/**
 * server/assets/fonts, found by walking up from this file: it runs from
 * server/src/modules/results/ under tsx and from server/dist/ once bundled.
 */
function fontsFolder(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'assets', 'fonts');
    if (existsSync(path.join(candidate, files.regular))) return candidate;
    if (path.dirname(dir) === dir) {
      throw new Error(`No assets/fonts/${files.regular} above ${start}.`);
    }
  }
}

let folder: string | undefined;

export function registerLetterFonts(doc: PDFKit.PDFDocument): void {
  folder ??= fontsFolder(path.dirname(fileURLToPath(import.meta.url)));
  doc.registerFont(LETTER_FONT.regular, path.join(folder, files.regular));
  doc.registerFont(LETTER_FONT.bold, path.join(folder, files.bold));
}
