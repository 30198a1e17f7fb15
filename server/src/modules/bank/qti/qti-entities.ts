import { decodeHTMLStrict } from 'entities';
import { AppError } from '../../../lib/app-error.js';
import { excerpt } from './qti-excerpt.js';

/** The five entities XML predefines: left for the parser. */
const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

/**
 * Sections whose text is not markup (CDATA, comments, processing instructions), matched whole
 * so they are passed over, or else an entity reference and its name. An unterminated section
 * runs to the end and is left for the parser to refuse.
 */
const SECTION_OR_REFERENCE =
  /<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<!--[\s\S]*?(?:-->|$)|<\?[\s\S]*?(?:\?>|$)|&([A-Za-z_:][\w.:-]*);/g;

/** The characters an HTML named reference stands for, or null for a name HTML does not define. */
function htmlCharacters(name: string): string | null {
  const reference = `&${name};`;
  // Strict: only a whole name with its semicolon counts (no legacy "&notit;" as "¬it;").
  const decoded = decodeHTMLStrict(reference);
  return decoded !== reference && [...decoded].length <= 2 ? decoded : null;
}

/**
 * Writes the HTML named character references other tools leave in item bodies (&nbsp;,
 * &ndash;, &rsquo;, &eacute; ...) as numeric references, which every XML parser reads without a
 * DTD. XML knows only its five predefined entities, and declaring HTML's would mean a DTD, which
 * stays refused (parseXml). The table is the HTML standard's, from the `entities` package: it
 * holds every HTML 4 / XHTML name with the same characters. Text inside CDATA sections,
 * comments and processing instructions is not markup and is left as written. A name HTML does
 * not define either is refused by name, with the file.
 */
export function numericHtmlEntities(text: string, file: string): string {
  return text.replace(SECTION_OR_REFERENCE, (match, name: string | undefined) => {
    if (name === undefined || XML_ENTITIES.has(name)) return match;
    const characters = htmlCharacters(name);
    if (characters === null) {
      throw new AppError(
        'PACKAGE_XML_INVALID',
        `${file} uses the entity &${excerpt(name)};, which neither XML nor HTML defines; write the character itself or a numeric reference.`,
        422,
        { file, entity: excerpt(name) },
      );
    }
    return [...characters].map((c) => `&#x${c.codePointAt(0)!.toString(16)};`).join('');
  });
}
