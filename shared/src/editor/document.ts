/**
 * The essay document as stored and sent over the wire: the JSON ProseMirror emits for the
 * extension list in extensions.ts, narrowed to exactly what that list can produce. Pure data and
 * pure functions, no tiptap import, so the types cost nothing to import anywhere.
 */

export type EssayMark = { type: 'bold' } | { type: 'italic' };

export interface EssayText {
  type: 'text';
  text: string;
  marks?: EssayMark[];
}

export interface EssayHardBreak {
  type: 'hardBreak';
  marks?: EssayMark[];
}

export type EssayInline = EssayText | EssayHardBreak;

export interface EssayParagraph {
  type: 'paragraph';
  content?: EssayInline[];
}

export const headingLevels = [2, 3] as const;
export type HeadingLevel = (typeof headingLevels)[number];

export interface EssayHeading {
  type: 'heading';
  attrs: { level: HeadingLevel };
  content?: EssayInline[];
}

export interface EssayListItem {
  type: 'listItem';
  content: EssayBlock[];
}

export interface EssayBulletList {
  type: 'bulletList';
  content: EssayListItem[];
}

/**
 * List numbering styles HTML's `<ol type>` knows. tiptap reads them from pasted HTML and Word or
 * Google Docs styles, so refusing them would refuse a candidate's ordinary paste.
 */
export const orderedListTypes = ['1', 'a', 'A', 'i', 'I'] as const;
export type OrderedListType = (typeof orderedListTypes)[number];

/**
 * Highest `start` an ordered list may carry. tiptap's "12. " input rule starts a list at 12 (and
 * "0. " at 0), so 0 is allowed; anything above this is clamped by the editor and refused here.
 */
export const MAX_LIST_START = 9_999;

export interface EssayOrderedList {
  type: 'orderedList';
  attrs?: { start: number; type: OrderedListType | null };
  content: EssayListItem[];
}

export type EssayBlock = EssayParagraph | EssayHeading | EssayBulletList | EssayOrderedList;

export interface EssayDocument {
  type: 'doc';
  content: EssayBlock[];
}

export type EssayNode = EssayDocument | EssayBlock | EssayListItem | EssayInline;

/** What an empty tiptap editor emits: one empty paragraph (`block+` needs at least one block). */
export function emptyEssayDocument(): EssayDocument {
  return { type: 'doc', content: [{ type: 'paragraph' }] };
}

/**
 * The loosest shape countWords reads, so the client can count tiptap's `JSONContent` live and the
 * server can count a validated `EssayDocument` with the same function.
 */
export interface WordCountable {
  type?: string;
  text?: string;
  content?: readonly WordCountable[];
}

const letterOrDigit = /[\p{L}\p{N}]/u;

/**
 * Words in plain text: whitespace-separated runs holding at least one letter or digit, so
 * "well-being" and "0-3" are one word each and a lone dash or bullet is none.
 */
export function countWordsInText(text: string): number {
  let words = 0;
  for (const token of text.split(/\s+/u)) if (letterOrDigit.test(token)) words += 1;
  return words;
}

/**
 * Words in a document. Every non-text node (block start, hard break) separates words, while
 * adjacent text nodes join, so "bo" + bold "ld" counts as one word. Iterative, so an unvalidated
 * client document of any depth cannot overflow the stack.
 */
export function countWords(doc: WordCountable): number {
  const pieces: string[] = [];
  const stack: WordCountable[] = [doc];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.type === 'text') {
      pieces.push(typeof node.text === 'string' ? node.text : '');
      continue;
    }
    pieces.push(' ');
    const content = node.content;
    if (!Array.isArray(content)) continue;
    for (let i = content.length - 1; i >= 0; i -= 1) {
      const child: unknown = content[i];
      if (typeof child === 'object' && child !== null) stack.push(child as WordCountable);
    }
  }
  return countWordsInText(pieces.join(''));
}
