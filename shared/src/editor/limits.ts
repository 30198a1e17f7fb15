/*
 * The essay's size limits, apart from the editor code: the websocket protocol sizes its frames by
 * them, and a file that imported tiptap to read a number would put the whole editor into the
 * script every page loads.
 */

/**
 * Largest stored document, as UTF-8 bytes of its canonical JSON. Plain prose costs about 6 bytes
 * a word, but every change of formatting adds a text node (~50 bytes), so a 5,000-word essay
 * whose every word toggles bold and italic is about 320 KiB. 512 KiB stores that, and more than the
 * word limit (which only warns), while refusing anything that is not an essay.
 */
export const MAX_ESSAY_BYTES = 512 * 1024;

/** Deepest node (doc = 0). Nineteen levels of nested lists fit; 10,000 levels do not. */
export const MAX_ESSAY_DEPTH = 40;

/** Most editor steps one patch may carry (a patch covers a fraction of a second of typing). */
export const MAX_STEPS_PER_PATCH = 500;

/**
 * Largest document a patch may grow, in ProseMirror positions (a character or a node boundary
 * each). A quarter of the byte cap keeps the patched document under MAX_ESSAY_BYTES even when
 * every word carries formatting; past it, the whole document goes as a draft and is measured.
 */
export const MAX_PATCHED_SIZE = MAX_ESSAY_BYTES / 4;
