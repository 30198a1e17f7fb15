import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { AppError } from '../../../lib/app-error.js';

/** The namespaces a QTI 3.0 package speaks. */
export const QTI_NS = 'http://www.imsglobal.org/xsd/imsqtiasi_v3p0';
export const CP_NS = 'http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1';
export const LOM_NS = 'http://ltsc.ieee.org/xsd/LOM';

/** Escapes text and attribute values; every value written into a package goes through here. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses one XML entry of a package. A document type declaration is refused outright, before
 * any parser sees it: that is where external entities (XXE) and entity expansion (billion
 * laughs) live, and a QTI package has no use for either. Nothing referenced is ever fetched.
 */
export function parseXml(bytes: Uint8Array, file: string): Document {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new AppError('PACKAGE_XML_INVALID', `${file} is not UTF-8 text.`, 422, { file });
  }
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    throw new AppError(
      'PACKAGE_XML_DTD',
      `${file} declares a document type or entities; packages with DTDs are refused.`,
      422,
      { file },
    );
  }
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
      `${file} is not well-formed XML: ${problems[0] ?? 'no root element'}.`,
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
