import { countWords, type EssayDocument } from './document.js';
import { Refusal, type EssayValidationCode } from './essay-refusal.js';
import { checkTree } from './essay-tree-check.js';
import { getEssaySchema } from './extensions.js';
import { MAX_ESSAY_BYTES, MAX_ESSAY_DEPTH } from './limits.js';

export { MAX_ESSAY_BYTES, MAX_ESSAY_DEPTH };
export { essayValidationCodes, type EssayValidationCode } from './essay-refusal.js';
export { essayValidatorVocabulary } from './essay-tree-check.js';

export type EssayValidationResult =
  | { ok: true; doc: EssayDocument; words: number; bytes: number }
  | { ok: false; code: EssayValidationCode; message: string };

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
