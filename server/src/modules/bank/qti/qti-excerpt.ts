/** How much of an authored value a refusal quotes: enough to find it in the file. */
export const EXCERPT_MAX = 40;
/** How much of an authored identifier or file name a refusal carries as its label. */
export const LABEL_MAX = 200;

/**
 * Characters a reader cannot see or that rearrange what follows: controls, format characters
 * (zero-width, bidi overrides), lone surrogates and the Unicode line and paragraph separators.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;

/**
 * An author-supplied value (attribute, identifier, element name, key) as a refusal quotes it:
 * at most `max` characters, then an ellipsis, with every invisible character written as its
 * code point ([U+000B]). A package is untrusted input, and a 100 KB attribute or a bidi
 * override must not travel whole into the preview, a log or the screen. Every quoted value in
 * the importer's messages goes through here.
 */
export function excerpt(value: string, max = EXCERPT_MAX): string {
  let shown = '';
  // Stops at the cap: a huge value is never walked to its end.
  for (const char of value) {
    const piece = INVISIBLE.test(char)
      ? `[U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`
      : char;
    if (shown.length + piece.length > max) return `${shown}…`;
    shown += piece;
  }
  return shown;
}
