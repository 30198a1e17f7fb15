import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Step } from '@tiptap/pm/transform';
import { z } from 'zod';
import { countWords, type EssayDocument } from './document.js';
import { getEssaySchema } from './extensions.js';
import { MAX_ESSAY_DEPTH, MAX_PATCHED_SIZE, MAX_STEPS_PER_PATCH } from './limits.js';
import { expandSteps, splitPatchRows, type PatchRow } from './stored-steps.js';
import { checkEssayFragment } from './validate.js';

export { MAX_PATCHED_SIZE, MAX_STEPS_PER_PATCH };

const MAX_POSITION = 10_000_000;
const position = z.number().int().min(0).max(MAX_POSITION);
const sliceJson = z
  .strictObject({
    content: z.array(z.unknown()).optional(),
    openStart: z.number().int().min(0).max(MAX_ESSAY_DEPTH).optional(),
    openEnd: z.number().int().min(0).max(MAX_ESSAY_DEPTH).optional(),
  })
  .optional();

/** The steps tiptap makes for an essay: typing, deleting, splitting, wrapping, marks. */
export const stepJson = z.discriminatedUnion('stepType', [
  z.strictObject({
    stepType: z.literal('replace'),
    from: position,
    to: position,
    slice: sliceJson,
    structure: z.boolean().optional(),
  }),
  z.strictObject({
    stepType: z.literal('replaceAround'),
    from: position,
    to: position,
    gapFrom: position,
    gapTo: position,
    insert: position,
    slice: sliceJson,
    structure: z.boolean().optional(),
  }),
  z.strictObject({
    stepType: z.enum(['addMark', 'removeMark']),
    from: position,
    to: position,
    mark: z.unknown(),
  }),
]);

export type EssayStepsResult =
  { ok: true; doc: ProseMirrorNode } | { ok: false; code: 'PATCH_REFUSED'; message: string };

const refused = (index: number, why: string): EssayStepsResult => ({
  ok: false,
  code: 'PATCH_REFUSED',
  message: `Change ${index + 1} of the patch was refused: ${why}`,
});

/**
 * The depth of `pos` in `doc`, as `doc.resolve(pos).depth` gives it. resolve builds and caches a
 * ResolvedPos in a WeakMap keyed by the document, and every applied step makes a new document:
 * measured on a 40-paragraph essay it cost 10-20 us per typed character against 1-2 us for
 * applying the step itself, the largest part of a patch's validation. This walks the same path
 * and keeps nothing.
 */
function depthAt(doc: ProseMirrorNode, pos: number): number {
  let node = doc;
  let inNode = pos;
  for (let depth = 0; ; depth += 1) {
    // The child `inNode` falls inside, as Fragment.findIndex (internal to ProseMirror) finds it.
    let offset = 0;
    let child: ProseMirrorNode | undefined;
    for (let i = 0; i < node.childCount; i += 1) {
      const next = node.child(i);
      if (offset + next.nodeSize > inNode) {
        child = next;
        break;
      }
      offset += next.nodeSize;
    }
    // Between two children (or at either end), or inside text: the position is in `node`.
    if (!child || offset === inNode || child.isText) return depth;
    node = child;
    inNode -= offset + 1;
  }
}

/**
 * Applies a patch's editor steps to a document. Every node or mark a step inserts is checked by
 * the same rules as a whole document (unknown types, attributes, URLs, prototype and event-handler
 * keys), the step must fit the essay schema where it lands, and the result stays inside the depth
 * and size caps. Either every step applies or none does; nothing recurses on unchecked input.
 */
export function applyEssaySteps(doc: ProseMirrorNode, steps: readonly unknown[]): EssayStepsResult {
  if (steps.length === 0 || steps.length > MAX_STEPS_PER_PATCH)
    return refused(0, `a patch carries 1 to ${MAX_STEPS_PER_PATCH} changes`);
  let current = doc;
  let typing: Typing | undefined;
  for (const [index, raw] of steps.entries()) {
    let json = typingStep(raw);
    if (!json) {
      const parsed = stepJson.safeParse(raw);
      if (!parsed.success) return refused(index, 'not an essay edit');
      json = parsed.data;
    }
    const typed = typedText(json);
    const continues =
      typed !== undefined &&
      typing !== undefined &&
      typing.json.from + typing.text.length === json.from;
    if (typing && !continues) {
      const applied = applyStep(current, typing.index, typing.json, 0, typing.text);
      if (!applied.ok) return applied;
      current = applied.doc;
      typing = undefined;
    }
    let sliceDepth = 0;
    if ('mark' in json) {
      const checked = checkEssayFragment([{ type: 'text', text: 'x', marks: [json.mark] }]);
      if (!checked.ok) return refused(index, checked.message);
    } else if (json.slice?.content) {
      const checked = checkEssayFragment(json.slice.content);
      if (!checked.ok) return refused(index, checked.message);
      sliceDepth = checked.depth;
    }
    if (typed !== undefined) {
      // Checked as its own step, applied together with the characters typed right before it.
      if (typing) typing.text += typed;
      else typing = { index, json, text: typed };
      continue;
    }
    const applied = applyStep(current, index, json, sliceDepth);
    if (!applied.ok) return applied;
    current = applied.doc;
  }
  if (typing) return applyStep(current, typing.index, typing.json, 0, typing.text);
  return { ok: true, doc: current };
}

type StepJson = z.infer<typeof stepJson>;

/**
 * Characters typed one after another: tiptap makes one step per keystroke, each inserting plain
 * text right after the last. Applying them as one insertion gives the same document (adjacent
 * text without marks is one text node either way) for one rebuild of the document instead of
 * one per character, which was most of the server's cost of applying a patch.
 */
interface Typing {
  /** The first step of the run: a refusal of the run names it, and it says where the run starts. */
  index: number;
  json: StepJson;
  text: string;
}

const isPosition = (value: unknown): value is number =>
  Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_POSITION;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A step that is exactly one keystroke's insertion, `{stepType: 'replace', from, to: from,
 * slice: {content: [{type: 'text', text}]}}` and no other key, recognised without the schema's
 * parser: every key and value stepJson would look at is checked here as it checks them, so
 * whatever passes here passes it (a property test holds the two together). Nearly every step
 * is one of these, and the parser's generic machinery was a third of a patch's validation on a
 * server woken a few hundred times a second (issue 23). The text itself is checked after, as
 * every inserted node is (checkEssayFragment).
 */
export function typingStep(raw: unknown): StepJson | undefined {
  if (!isPlainObject(raw) || Object.keys(raw).length !== 4) return undefined;
  const { stepType, from, to, slice } = raw;
  if (stepType !== 'replace' || !isPosition(from) || to !== from) return undefined;
  if (!isPlainObject(slice) || Object.keys(slice).length !== 1) return undefined;
  const { content } = slice;
  if (!Array.isArray(content) || content.length !== 1) return undefined;
  const node: unknown = content[0];
  if (!isPlainObject(node) || Object.keys(node).length !== 2) return undefined;
  if (node.type !== 'text' || typeof node.text !== 'string') return undefined;
  return { stepType, from, to: from, slice: { content } };
}

/** The text a step inserts at a point, if it is plain typing: no marks, no structure. */
function typedText(json: StepJson): string | undefined {
  if (json.stepType !== 'replace' || json.from !== json.to || json.structure) return undefined;
  const slice = json.slice;
  if (!slice?.content || slice.content.length !== 1 || slice.openStart || slice.openEnd)
    return undefined;
  const node = slice.content[0];
  if (typeof node !== 'object' || node === null) return undefined;
  const keys = Object.keys(node);
  const { type, text } = node as { type?: unknown; text?: unknown };
  if (keys.length !== 2 || type !== 'text' || typeof text !== 'string') return undefined;
  return text;
}

/** One step, or a run of typing given as `text`, applied and held to the caps. */
function applyStep(
  current: ProseMirrorNode,
  index: number,
  json: StepJson,
  sliceDepth: number,
  text?: string,
): EssayStepsResult {
  const stepJsonToApply =
    text === undefined ? json : { ...json, slice: { content: [{ type: 'text', text }] } };
  let step: Step;
  try {
    step = Step.fromJSON(getEssaySchema(), stepJsonToApply);
  } catch (error) {
    return refused(index, error instanceof Error ? error.message : 'does not fit the schema');
  }
  let result: ReturnType<Step['apply']>;
  try {
    result = step.apply(current);
  } catch (error) {
    // Positions outside the document throw rather than fail.
    return refused(index, error instanceof Error ? error.message : 'does not fit the document');
  }
  if (result.failed !== null || !result.doc) return refused(index, result.failed ?? 'failed');
  const landed = depthAt(result.doc, Math.min(json.from, result.doc.content.size));
  if (landed + sliceDepth > MAX_ESSAY_DEPTH)
    return refused(index, `nesting deeper than ${MAX_ESSAY_DEPTH} levels`);
  if (result.doc.content.size > MAX_PATCHED_SIZE)
    return refused(index, 'the response is too long to save change by change');
  return { ok: true, doc: result.doc };
}

/** A row of the patch log, as stored (stored-steps.ts: compact steps, maybe several patches). */
export type StoredPatch = PatchRow;

/**
 * A stored document brought up to date with the patches stored after it (rows holding several
 * are taken apart first): each applies to the
 * revision it names as its base, in revision order; one that does not follow on (its base is
 * gone, or it was never acknowledged) ends the chain.
 */
export function materialiseEssay(
  stored: { doc: unknown; revision: number },
  patches: readonly StoredPatch[],
): { doc: EssayDocument; revision: number; words: number } | undefined {
  const following = splitPatchRows(patches)
    .filter((p) => p.revision > stored.revision)
    .sort((a, b) => a.revision - b.revision);
  if (following[0]?.base !== stored.revision) return undefined;
  let node = getEssaySchema().nodeFromJSON(stored.doc);
  let revision = stored.revision;
  for (const patch of following) {
    if (patch.base !== revision) break;
    const applied = applyEssaySteps(node, expandSteps(patch.steps));
    if (!applied.ok) break;
    node = applied.doc;
    revision = patch.revision;
  }
  const doc = node.toJSON() as EssayDocument;
  return { doc, revision, words: countWords(doc) };
}
