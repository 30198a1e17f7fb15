import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { AppError } from '../../../lib/app-error.js';
import { numericHtmlEntities } from './qti-entities.js';
import { excerpt, LABEL_MAX } from './qti-excerpt.js';

/** The namespaces a QTI 3.0 package speaks. */
export const QTI_NS = 'http://www.imsglobal.org/xsd/imsqtiasi_v3p0';
export const CP_NS = 'http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1';
export const LOM_NS = 'http://ltsc.ieee.org/xsd/LOM';

/**
 * Characters XML 1.0 forbids even as references: C0 controls but tab and line ends, U+FFFE and
 * U+FFFF. A stem pasted from Word can hold a vertical tab (its manual line break); written as
 * is, libxml2, .NET and Java parsers refuse the whole file (xmldom alone lets it through).
 */
// eslint-disable-next-line no-control-regex
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Escapes text and attribute values; every value written into a package goes through here. */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML_CHAR, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** The encoding named in an XML declaration, read from its ASCII bytes, or null. */
function declaredEncoding(bytes: Uint8Array): string | null {
  const head = String.fromCharCode(...bytes.subarray(0, 200));
  const match = /^<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]*)["']/.exec(head);
  return match ? match[1]!.toLowerCase() : null;
}

/**
 * Decodes an XML entry as the XML specification has every parser do: a byte order mark
 * first (UTF-8, or UTF-16 as Windows tools save "Unicode"), then the declaration's encoding
 * (ISO-8859-1 and Windows-1252 from older tools), UTF-8 otherwise. Undecodable bytes are
 * refused, never turned into replacement characters in a stem.
 */
function decodeXml(bytes: Uint8Array, file: string): string {
  const unreadable = (why: string) =>
    new AppError('PACKAGE_XML_INVALID', `${file} ${why}`, 422, { file });
  let encoding = 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = 'utf-16le';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = 'utf-16be';
  else if (bytes[0] === 0x3c && bytes[1] === 0x00 && bytes[2] === 0x3f) encoding = 'utf-16le';
  else if (bytes[0] === 0x00 && bytes[1] === 0x3c && bytes[2] === 0x00) encoding = 'utf-16be';
  else if (!(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)) {
    const declared = declaredEncoding(bytes);
    // "UTF-16" declared over single-byte text is a tool's mislabel: the bytes decide.
    if (declared && !declared.startsWith('utf-16')) encoding = declared;
  }
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(encoding, { fatal: true });
  } catch {
    throw unreadable(`declares the encoding ${encoding}, which the importer cannot read.`);
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw unreadable(
      encoding === 'utf-8'
        ? 'is not UTF-8 text and declares no other encoding.'
        : `is not ${encoding} text as it declares.`,
    );
  }
}

/**
 * Parses one XML entry of a package. A document type declaration is refused outright, before
 * any parser sees it: that is where external entities (XXE) and entity expansion (billion
 * laughs) live, and a QTI package has no use for either. Nothing referenced is ever fetched.
 * HTML's named references (&nbsp; and the like, common in other tools' item bodies) are
 * written as numeric ones first, so they need no DTD.
 */
export function parseXml(bytes: Uint8Array, file: string): Document {
  const decoded = decodeXml(bytes, file);
  if (/<!DOCTYPE|<!ENTITY/i.test(decoded)) {
    throw new AppError(
      'PACKAGE_XML_DTD',
      `${file} declares a document type or entities; packages with DTDs are refused.`,
      422,
      { file },
    );
  }
  const text = numericHtmlEntities(decoded, file);
  const problems: string[] = [];
  const parser = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') problems.push(message.split('\n')[0] ?? message);
    },
  });
  let doc: Document | undefined;
  try {
    doc = parser.parseFromString(text, 'text/xml');
  } catch (error) {
    problems.push(error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error));
  }
  if (problems.length > 0 || !doc?.documentElement) {
    throw new AppError(
      'PACKAGE_XML_INVALID',
      // The parser's words quote the file's own tag names and text.
      `${file} is not well-formed XML: ${excerpt(problems[0] ?? 'no root element', LABEL_MAX)}.`,
      422,
      { file },
    );
  }
  return doc;
}

/** Child elements of `parent` with this local name, in `ns` (any namespace when ns is null). */
export function childElements(parent: Element, localName: string, ns: string | null): Element[] {
  const found: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType !== 1) continue;
    const el = node as Element;
    if (el.localName === localName && (ns === null || el.namespaceURI === ns)) found.push(el);
  }
  return found;
}

/** Descendant elements with this local name in `ns`, in document order. */
export function descendants(parent: Element | Document, localName: string, ns: string): Element[] {
  return Array.from(parent.getElementsByTagNameNS(ns, localName));
}

/** Text as a reader sees it: runs of white space become one space, ends trimmed. */
export function normalisedText(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}
