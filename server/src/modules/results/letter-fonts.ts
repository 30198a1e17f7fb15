import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { folderAbove } from '../../lib/folder-above.js';

/**
 * The letter's typeface, embedded (subset) in every PDF. pdfkit's built-in Helvetica knows only
 * the Windows-1252 characters: "Łukasz Żółć" or "Nguyễn" came out as other glyphs on a results
 * letter. DejaVu Sans (Bitstream Vera licence, free to redistribute: see assets/fonts/LICENSE)
 * covers Latin with Vietnamese, Greek and Cyrillic.
 */
export const LETTER_FONT = { regular: 'Letter', bold: 'Letter-Bold' } as const;

const files = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' };

let folder: string | undefined;

export function registerLetterFonts(doc: PDFKit.PDFDocument): void {
  // server/assets/fonts, above server/src/modules/results/ (tsx) and server/dist/ (bundled).
  folder ??= folderAbove(
    path.dirname(fileURLToPath(import.meta.url)),
    'assets/fonts',
    files.regular,
  );
  doc.registerFont(LETTER_FONT.regular, path.join(folder, files.regular));
  doc.registerFont(LETTER_FONT.bold, path.join(folder, files.bold));
}
