import { createRequire } from 'node:module';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** pdf.js's own copies of the 14 standard fonts (the letter uses Helvetica), read from disk. */
const standardFontDataUrl =
  path.join(
    path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')),
    'standard_fonts',
  ) + path.sep;

/**
 * The text of every page of a PDF, as pdf.js (a real reader) extracts it: proof that the bytes
 * parse as a PDF and say what a reader would see, not just that some string is in the stream.
 */
export async function pdfText(bytes: Uint8Array): Promise<{ pages: number; text: string }> {
  const pdf = await getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    standardFontDataUrl,
  }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const content = await page.getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await pdf.destroy();
  return { pages: pdf.numPages, text: pages.join('\n') };
}

/** Text with its whitespace taken out, so a line break pdf.js reports in a phrase does not matter. */
export function squeezed(text: string): string {
  return text.replace(/\s+/g, '');
}
