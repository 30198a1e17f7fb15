/**
 * The essay editor's document, defined once: the tiptap extension list the client edits with, the
 * validation the server stores through, and the HTML graders read.
 */
export {
  countWords,
  countWordsInText,
  emptyEssayDocument,
  headingLevels,
  MAX_LIST_START,
  orderedListTypes,
  type EssayBlock,
  type EssayBulletList,
  type EssayDocument,
  type EssayHardBreak,
  type EssayHeading,
  type EssayInline,
  type EssayListItem,
  type EssayMark,
  type EssayNode,
  type EssayOrderedList,
  type EssayParagraph,
  type EssayText,
  type HeadingLevel,
  type OrderedListType,
  type WordCountable,
} from './document.js';
export {
  buildEssaySchema,
  essayExtensions,
  getEssaySchema,
  normaliseOrderedListAttrs,
} from './extensions.js';
export {
  essayValidationCodes,
  MAX_ESSAY_BYTES,
  MAX_ESSAY_DEPTH,
  validateEssayDocument,
  checkEssayFragment,
  type EssayFragmentResult,
  type EssayValidationCode,
  type EssayValidationResult,
} from './validate.js';
export { escapeHtml, renderEssayHtml } from './render-html.js';
export {
  applyEssaySteps,
  materialiseEssay,
  MAX_PATCHED_SIZE,
  MAX_STEPS_PER_PATCH,
  type EssayStepsResult,
  type StoredPatch,
} from './steps.js';
export { essayPlainText } from './plain-text.js';
export { compactSteps, expandSteps, splitPatchRows, type PatchRow } from './stored-steps.js';
