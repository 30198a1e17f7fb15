import { headingLevels, MAX_LIST_START, orderedListTypes } from './document.js';
import { Refusal } from './essay-refusal.js';
import { MAX_ESSAY_BYTES, MAX_ESSAY_DEPTH } from './limits.js';

/*
 * The structural check of untrusted essay JSON, before ProseMirror sees it: every key, node and
 * mark type, attribute and text, the depth and a lower bound of the size, walked without
 * recursion. validate.ts runs it first and ProseMirror's content rules after.
 */

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
export function checkTree(input: unknown): number {
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
