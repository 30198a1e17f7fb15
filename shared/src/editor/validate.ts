import {
  countWords,
  headingLevels,
  MAX_LIST_START,
  orderedListTypes,
  type EssayDocument,
} from './document.js';
import { getEssaySchema } from './extensions.js';

import { MAX_ESSAY_BYTES, MAX_ESSAY_DEPTH } from './limits.js';

export { MAX_ESSAY_BYTES, MAX_ESSAY_DEPTH };

export const essayValidationCodes = [
  'ESSAY_NOT_AN_OBJECT',
  'ESSAY_FORBIDDEN_KEY',
  'ESSAY_EVENT_HANDLER_KEY',
  'ESSAY_UNKNOWN_KEY',
  'ESSAY_UNKNOWN_NODE_TYPE',
  'ESSAY_UNKNOWN_MARK_TYPE',
  'ESSAY_UNKNOWN_ATTRIBUTE',
  'ESSAY_INVALID_ATTRIBUTE',
  'ESSAY_UNSAFE_URL',
  'ESSAY_INVALID_TEXT',
  'ESSAY_INVALID_STRUCTURE',
  'ESSAY_TOO_DEEP',
  'ESSAY_TOO_LARGE',
] as const;
export type EssayValidationCode = (typeof essayValidationCodes)[number];

export type EssayValidationResult =
  | { ok: true; doc: EssayDocument; words: number; bytes: number }
  | { ok: false; code: EssayValidationCode; message: string };

/**
 * A refusal thrown by the checks below. Their messages start with a location relative to the node
 * being checked ("", ".attrs", ".marks[0]"); checkTree prefixes the node's path only when one is
 * thrown, because building a path string for every node would cost more than the checks.
 */
class Refusal extends Error {
  constructor(
    readonly code: EssayValidationCode,
    message: string,
  ) {
    super(message);
  }
}

interface Frame {
  value: unknown;
  depth: number;
  parent: Frame | undefined;
  index: number;
}

function pathOf(frame: Frame): string {
  const parts: string[] = [];
  for (let f: Frame | undefined = frame; f?.parent; f = f.parent)
    parts.push(`.content[${f.index}]`);
  return `doc${parts.reverse().join('')}`;
}

type AttrRule = (value: unknown) => boolean;
interface NodeRule {
  attrs: Record<string, AttrRule>;
  leaf: boolean;
  marks: boolean;
}

const noAttrs: Record<string, AttrRule> = {};
/** Per node type: its attributes and their valid values, whether it has content or marks. */
const nodeRules: Record<string, NodeRule> = {
  doc: { attrs: noAttrs, leaf: false, marks: false },
  paragraph: { attrs: noAttrs, leaf: false, marks: false },
  heading: {
    attrs: { level: (v) => headingLevels.includes(v as 2 | 3) },
    leaf: false,
    marks: false,
  },
  bulletList: { attrs: noAttrs, leaf: false, marks: false },
  orderedList: {
    attrs: {
      start: (v) => Number.isInteger(v) && Number(v) >= 0 && Number(v) <= MAX_LIST_START,
      type: (v) => v === null || orderedListTypes.includes(v as '1'),
    },
    leaf: false,
    marks: false,
  },
  listItem: { attrs: noAttrs, leaf: false, marks: false },
  text: { attrs: noAttrs, leaf: true, marks: true },
  hardBreak: { attrs: noAttrs, leaf: true, marks: true },
};
const markTypes: ReadonlySet<string> = new Set(['bold', 'italic']);

/** Node types, mark types and attributes the validator accepts; a test holds them to the schema. */
export const essayValidatorVocabulary = {
  nodes: Object.fromEntries(Object.entries(nodeRules).map(([k, r]) => [k, Object.keys(r.attrs)])),
  marks: [...markTypes],
};

const forbiddenKeys: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
const nodeKeys: ReadonlySet<string> = new Set(['type', 'attrs', 'content', 'marks', 'text']);
const markKeys: ReadonlySet<string> = new Set(['type', 'attrs']);
/** Schemes a browser would run or load; whitespace and control characters are stripped first. */
const unsafeUrl = /(?:javascript|vbscript|data):/i;
// eslint-disable-next-line no-control-regex -- control characters are what it strips
const invisible = /[\s\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202f\ufeff]+/g;
/** NUL and lone surrogates: PostgreSQL's jsonb refuses both, so the save would fail later. */
// eslint-disable-next-line no-control-regex -- NUL is what it finds
const unstorable = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Least JSON a node costs (`{"type":""},`), so a huge array of tiny nodes is refused early. */
const MIN_NODE_BYTES = 12;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Prototype and event-handler keys are named first, wherever they are, so the refusal says so. */
function checkKeys(obj: Record<string, unknown>, at: string, allowed?: ReadonlySet<string>): void {
  for (const key of Object.keys(obj)) {
    if (forbiddenKeys.has(key)) throw new Refusal('ESSAY_FORBIDDEN_KEY', `${at}: key "${key}"`);
    if (/^on/i.test(key)) throw new Refusal('ESSAY_EVENT_HANDLER_KEY', `${at}: key "${key}"`);
    if (allowed && !allowed.has(key)) {
      throw new Refusal('ESSAY_UNKNOWN_KEY', `${at}: unknown key "${key}"`);
    }
  }
}

function checkAttrs(value: unknown, rules: Record<string, AttrRule>, at: string): void {
  if (value === undefined) return;
  if (!isPlainObject(value)) throw new Refusal('ESSAY_NOT_AN_OBJECT', `${at}: not an object`);
  checkKeys(value, at);
  for (const [name, attr] of Object.entries(value)) {
    if (typeof attr === 'string' && unsafeUrl.test(attr.replace(invisible, ''))) {
      throw new Refusal('ESSAY_UNSAFE_URL', `${at}.${name}: script or data URL`);
    }
    const rule = rules[name];
    if (!rule) throw new Refusal('ESSAY_UNKNOWN_ATTRIBUTE', `${at}: unknown attribute "${name}"`);
    if (!rule(attr)) throw new Refusal('ESSAY_INVALID_ATTRIBUTE', `${at}.${name}: invalid value`);
  }
}

function checkMarks(value: unknown, at: string): number {
  if (value === undefined) return 0;
  if (!Array.isArray(value) || value.length > markTypes.size) {
    throw new Refusal(
      'ESSAY_INVALID_STRUCTURE',
      `${at}: must be an array of at most ${markTypes.size} marks`,
    );
  }
  value.forEach((mark: unknown, i) => {
    const where = `${at}[${i}]`;
    if (!isPlainObject(mark)) throw new Refusal('ESSAY_NOT_AN_OBJECT', `${where}: not an object`);
    checkKeys(mark, where, markKeys);
    checkAttrs(mark.attrs, noAttrs, `${where}.attrs`);
    if (typeof mark.type !== 'string' || !markTypes.has(mark.type)) {
      throw new Refusal('ESSAY_UNKNOWN_MARK_TYPE', `${where}: unknown mark "${String(mark.type)}"`);
    }
  });
  return value.length * MIN_NODE_BYTES;
}

function checkText(node: Record<string, unknown>, at: string): number {
  const { text } = node;
  if (node.type !== 'text') {
    if (text !== undefined)
      throw new Refusal('ESSAY_UNKNOWN_KEY', `${at}: text on a non-text node`);
    return 0;
  }
  if (typeof text !== 'string')
    throw new Refusal('ESSAY_INVALID_TEXT', `${at}: text is not a string`);
  if (text.length === 0) throw new Refusal('ESSAY_INVALID_TEXT', `${at}: empty text node`);
  if (text.length > MAX_ESSAY_BYTES) {
    throw new Refusal('ESSAY_TOO_LARGE', `${at}: text node longer than ${MAX_ESSAY_BYTES}`);
  }
  if (unstorable.test(text)) {
    throw new Refusal('ESSAY_INVALID_TEXT', `${at}: NUL or unpaired surrogate in text`);
  }
  return text.length;
}

function checkNode(value: unknown, depth: number): number {
  if (!isPlainObject(value)) throw new Refusal('ESSAY_NOT_AN_OBJECT', ': not an object');
  checkKeys(value, '', nodeKeys);
  const type = value.type;
  const rule =
    typeof type === 'string' && Object.hasOwn(nodeRules, type) ? nodeRules[type] : undefined;
  if (!rule) throw new Refusal('ESSAY_UNKNOWN_NODE_TYPE', `: unknown node "${String(type)}"`);
  if ((depth === 0) !== (type === 'doc')) {
    throw new Refusal('ESSAY_INVALID_STRUCTURE', ': "doc" must be the root, and only it');
  }
  checkAttrs(value.attrs, rule.attrs, '.attrs');
  if (!rule.marks && value.marks !== undefined) {
    throw new Refusal('ESSAY_INVALID_STRUCTURE', `: marks on a "${type}" node`);
  }
  const content = value.content;
  if (content !== undefined && (rule.leaf || !Array.isArray(content))) {
    throw new Refusal('ESSAY_INVALID_STRUCTURE', '.content: not allowed here');
  }
  return MIN_NODE_BYTES + checkMarks(value.marks, '.marks') + checkText(value, '');
}

/**
 * Walks the input with an explicit stack (never recursion) checking every key, type, attribute,
 * mark and text, the depth and a running lower bound of the size.
 */
function checkTree(input: unknown): number {
  const stack: Frame[] = [{ value: input, depth: 0, parent: undefined, index: 0 }];
  let budget = MAX_ESSAY_BYTES;
  let deepest = 0;
  for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
    const { value, depth } = frame;
    if (depth > deepest) deepest = depth;
    try {
      budget -= checkNode(value, depth);
      if (budget < 0)
        throw new Refusal('ESSAY_TOO_LARGE', `: document over ${MAX_ESSAY_BYTES} bytes`);
      // checkNode has seen that content, if present, is an array.
      const content = (value as { content?: unknown[] }).content;
      if (content === undefined || content.length === 0) continue;
      if (depth + 1 > MAX_ESSAY_DEPTH) {
        throw new Refusal('ESSAY_TOO_DEEP', `: nesting deeper than ${MAX_ESSAY_DEPTH} levels`);
      }
      if (content.length * MIN_NODE_BYTES > budget) {
        throw new Refusal('ESSAY_TOO_LARGE', `: document over ${MAX_ESSAY_BYTES} bytes`);
      }
      for (let i = content.length - 1; i >= 0; i -= 1) {
        stack.push({ value: content[i], depth: depth + 1, parent: frame, index: i });
      }
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      throw new Refusal(error.code, `${pathOf(frame)}${error.message}`);
    }
  }
  return deepest;
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff) {
      bytes += 4; // a surrogate pair: one 4-byte character, skip its low half
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Accepts exactly the essay schema and nothing else. Returns the canonical document (ProseMirror's
 * own JSON, defaults filled in) with its word count and stored size, or a stable code and a
 * message naming where the input went wrong. Refusals are returned, not thrown; nothing recurses
 * on unchecked input.
 */
export function validateEssayDocument(input: unknown): EssayValidationResult {
  try {
    checkTree(input);
    // The shape is known and at most MAX_ESSAY_DEPTH deep, so ProseMirror may now check the
    // content rules (a list holds list items, a list item starts with a paragraph, ...).
    const schema = getEssaySchema();
    let doc: EssayDocument;
    try {
      const node = schema.nodeFromJSON(input);
      node.check();
      doc = node.toJSON() as EssayDocument;
    } catch (error) {
      const reason = error instanceof Error ? error.message : 'invalid content';
      throw new Refusal('ESSAY_INVALID_STRUCTURE', `does not fit the essay schema: ${reason}`);
    }
    const bytes = utf8Length(JSON.stringify(doc));
    if (bytes > MAX_ESSAY_BYTES) {
      throw new Refusal('ESSAY_TOO_LARGE', `document is ${bytes} bytes, over ${MAX_ESSAY_BYTES}`);
    }
    return { ok: true, doc, words: countWords(doc), bytes };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}

export type EssayFragmentResult =
  { ok: true; depth: number } | { ok: false; code: EssayValidationCode; message: string };

/**
 * Checks nodes that a change inserts (a step's slice, or a text node carrying a mark) exactly as a
 * document's nodes are checked, under a stand-in root. Returns how deep they nest below it.
 */
export function checkEssayFragment(content: unknown): EssayFragmentResult {
  try {
    if (!Array.isArray(content))
      throw new Refusal('ESSAY_INVALID_STRUCTURE', 'content is not a list');
    return { ok: true, depth: checkTree({ type: 'doc', content }) };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}
