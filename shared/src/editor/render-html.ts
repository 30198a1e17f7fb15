import type { DOMOutputSpec, Mark, Node as PmNode } from '@tiptap/pm/model';
import type { EssayDocument } from './document.js';
import { getEssaySchema } from './extensions.js';
import { validateEssayDocument } from './validate.js';

/**
 * Server-side HTML for graders, with no DOM. Tags come from the extensions' own `renderHTML`
 * (so the editor and this output cannot drift), but only through an allowlist of tags and
 * attributes, and every text and attribute value is escaped here rather than trusted.
 */

const allowedTags: Record<string, readonly string[]> = {
  p: [],
  h2: [],
  h3: [],
  ul: [],
  ol: ['start', 'type'],
  li: [],
  br: [],
  strong: [],
  em: [],
};
const voidTags: ReadonlySet<string> = new Set(['br']);

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text and attribute values alike (quotes too), so no context can be broken out of. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => escapes[ch] ?? ch);
}

function renderAttrs(tag: string, attrs: Record<string, unknown>): string {
  const allowed = allowedTags[tag] ?? [];
  let out = '';
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined) continue;
    if (!allowed.includes(name)) throw new Error(`renderEssayHtml: attribute ${name} on <${tag}>`);
    out += ` ${name}="${escapeHtml(String(value))}"`;
  }
  return out;
}

/**
 * The opening and closing HTML of a `[tag, attrs?, 0?]` spec, the only form the essay extensions
 * produce. Anything else is a change to the extension list that must come with a change here.
 */
function openClose(spec: DOMOutputSpec): [string, string] {
  if (!Array.isArray(spec)) throw new Error('renderEssayHtml: unsupported DOMOutputSpec');
  const [tag, ...rest] = spec as readonly unknown[];
  if (typeof tag !== 'string' || !Object.hasOwn(allowedTags, tag)) {
    throw new Error(`renderEssayHtml: tag ${String(tag)} is not allowed`);
  }
  const first = rest[0];
  const hasAttrs = typeof first === 'object' && first !== null && !Array.isArray(first);
  const children = hasAttrs ? rest.slice(1) : rest;
  if (children.some((child) => child !== 0)) {
    throw new Error(`renderEssayHtml: nested spec in <${tag}>`);
  }
  const attrs = hasAttrs ? renderAttrs(tag, first as Record<string, unknown>) : '';
  return [`<${tag}${attrs}>`, voidTags.has(tag) ? '' : `</${tag}>`];
}

function markTags(mark: Mark): [string, string] {
  const toDOM = mark.type.spec.toDOM;
  if (!toDOM) throw new Error(`renderEssayHtml: mark ${mark.type.name} cannot render`);
  return openClose(toDOM(mark, true));
}

/** Inline content, keeping a mark open across adjacent text nodes that share it, as ProseMirror does. */
function renderInline(parent: PmNode): string {
  let out = '';
  const open: Mark[] = [];
  const closes: string[] = [];
  parent.forEach((child) => {
    let keep = 0;
    while (keep < open.length && keep < child.marks.length) {
      const mark = child.marks[keep];
      if (!mark || !open[keep]?.eq(mark)) break;
      keep += 1;
    }
    while (open.length > keep) {
      open.pop();
      out += closes.pop() ?? '';
    }
    for (const mark of child.marks.slice(keep)) {
      const [before, after] = markTags(mark);
      out += before;
      open.push(mark);
      closes.push(after);
    }
    out += renderNode(child);
  });
  while (closes.length > 0) out += closes.pop() ?? '';
  return out;
}

// Recursion is bounded: the document was validated, so it is at most MAX_ESSAY_DEPTH deep.
function renderNode(node: PmNode): string {
  if (node.isText) return escapeHtml(node.text ?? '');
  const toDOM = node.type.spec.toDOM;
  if (!toDOM) throw new Error(`renderEssayHtml: node ${node.type.name} cannot render`);
  const [before, after] = openClose(toDOM(node));
  return before + renderChildren(node) + after;
}

function renderChildren(node: PmNode): string {
  if (node.isTextblock) return renderInline(node);
  let out = '';
  node.forEach((child) => {
    out += renderNode(child);
  });
  return out;
}

/**
 * The HTML graders see for a stored essay. Validates again first, so a document that reached the
 * database some other way still cannot carry markup; throws if it does not validate.
 */
export function renderEssayHtml(doc: EssayDocument): string {
  const result = validateEssayDocument(doc);
  if (!result.ok) throw new Error(`renderEssayHtml: ${result.code}: ${result.message}`);
  // The doc node itself has no tag; its blocks are the output.
  return renderChildren(getEssaySchema().nodeFromJSON(result.doc));
}
