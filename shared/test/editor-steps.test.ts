import { setBlockType, toggleMark } from '@tiptap/pm/commands';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { sinkListItem, wrapInList } from '@tiptap/pm/schema-list';
import { EditorState, TextSelection, type Transaction } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import {
  applyEssaySteps,
  getEssaySchema,
  materialiseEssay,
  MAX_ESSAY_DEPTH,
  MAX_PATCHED_SIZE,
} from '../src/editor/index.js';
import { docWith, para } from './editor-fixtures.js';

const schema = getEssaySchema();
const start = () => schema.nodeFromJSON(docWith(para('The infant slept.'), para('Second.')));

/** Runs an editing command the way the editor would and returns its transaction. */
function edit(doc: ProseMirrorNode, command: (s: EditorState) => Transaction | undefined) {
  const tr = command(EditorState.create({ schema, doc }));
  if (!tr) throw new Error('command did not apply');
  return tr;
}
const run =
  (cmd: (s: EditorState, d: (t: Transaction) => void) => boolean, from?: number, to?: number) =>
  (state: EditorState) => {
    let out: Transaction | undefined;
    const selected =
      from === undefined
        ? state
        : state.apply(state.tr.setSelection(TextSelection.create(state.doc, from, to ?? from)));
    cmd(selected, (tr) => (out = tr));
    return out;
  };
const json = (tr: Transaction) => tr.steps.map((s) => s.toJSON() as unknown);

describe('applyEssaySteps replays what the editor does', () => {
  it.each([
    ['typing', (s: EditorState) => s.tr.insertText(' She woke.', 18)],
    ['deleting', (s: EditorState) => s.tr.delete(5, 12)],
    ['a new paragraph', (s: EditorState) => s.tr.split(18)],
    ['bold', run(toggleMark(schema.marks.bold!), 1, 4)],
    ['a heading', run(setBlockType(schema.nodes.heading!, { level: 2 }), 2)],
    ['a bulleted list', run(wrapInList(schema.nodes.bulletList!), 2, 22)],
  ])('%s', (_name, command) => {
    const doc = start();
    const tr = edit(doc, command);
    const applied = applyEssaySteps(doc, json(tr));
    expect(applied.ok && applied.doc.eq(tr.doc)).toBe(true);
  });

  it('nests a list item one level deeper', () => {
    const listed = edit(start(), run(wrapInList(schema.nodes.orderedList!), 2, 22)).doc;
    const tr = edit(listed, run(sinkListItem(schema.nodes.listItem!), 25));
    const applied = applyEssaySteps(listed, json(tr));
    expect(applied.ok && applied.doc.eq(tr.doc)).toBe(true);
  });
});

describe('applyEssaySteps takes characters typed one by one together', () => {
  /** One transaction per keystroke, as tiptap makes them, in one patch. */
  function typedOneByOne(doc: ProseMirrorNode, at: number, text: string) {
    let state = EditorState.create({ schema, doc });
    const steps: unknown[] = [];
    for (const [i, char] of [...text].entries()) {
      const tr = state.tr.insertText(char, at + i);
      steps.push(...json(tr));
      state = state.apply(tr);
    }
    return { steps, doc: state.doc };
  }

  it('gives the document the keystrokes give, around a new paragraph and a bold word', () => {
    const doc = start();
    const first = typedOneByOne(doc, 18, ' She');
    const split = edit(first.doc, (s) => s.tr.split(22));
    const second = typedOneByOne(split.doc, 24, 'Woke');
    const bold = edit(second.doc, run(toggleMark(schema.marks.bold!), 24, 28));
    const third = typedOneByOne(bold.doc, 28, ' up.');
    const steps = [...first.steps, ...json(split), ...second.steps, ...json(bold), ...third.steps];
    const applied = applyEssaySteps(doc, steps);
    expect(applied.ok && applied.doc.eq(third.doc)).toBe(true);
  });

  it('refuses a run of typing at the character that cannot be stored, or where text cannot go', () => {
    const doc = start();
    const { steps } = typedOneByOne(doc, 18, 'abc');
    const broken = structuredClone(steps) as { slice: { content: { text: string }[] } }[];
    broken[2]!.slice.content[0]!.text = 'c\u0000';
    const refusedAt = applyEssaySteps(doc, broken);
    expect(refusedAt.ok).toBe(false);
    if (!refusedAt.ok) expect(refusedAt.message).toMatch(/^Change 3 of the patch/);
    // Between two paragraphs (position 19) text does not fit: the run is refused whole.
    const outside = typedOneByOne(doc, 18, 'xy').steps.map((step) => ({
      ...(step as object),
      from: 19 + (step as { from: number }).from - 18,
      to: 19 + (step as { from: number }).from - 18,
    }));
    const applied = applyEssaySteps(doc, outside);
    expect(applied.ok).toBe(false);
    if (!applied.ok) expect(applied.message).toMatch(/^Change 1 of the patch/);
  });
});

describe('applyEssaySteps refuses what the editor cannot make', () => {
  const insert = (content: unknown[], extra: Record<string, unknown> = {}) => ({
    stepType: 'replace',
    from: 1,
    to: 1,
    slice: { content },
    ...extra,
  });
  it.each([
    ['an unknown node', insert([{ type: 'image', attrs: { src: 'x.png' } }])],
    ['a script URL', insert([{ type: 'paragraph', attrs: { href: 'javascript:alert(1)' } }])],
    ['an event handler', insert([{ type: 'text', text: 'x', onclick: 'alert(1)' }])],
    ['a prototype key', JSON.parse('{"stepType":"replace","from":1,"to":1,"__proto__":{}}')],
    ['a link mark', { stepType: 'addMark', from: 1, to: 3, mark: { type: 'link' } }],
    ['an unknown step', { stepType: 'attr', pos: 0, attr: 'level', value: 1 }],
    ['a step past the end', { stepType: 'replace', from: 900, to: 900 }],
    ['a paragraph inside text', insert([{ type: 'paragraph' }], { from: 3, to: 3 })],
    ['a 10 MB text node', insert([{ type: 'text', text: 'x'.repeat(10 * 1024 * 1024) }])],
  ])('%s', (_name, step) => {
    const doc = start();
    const applied = applyEssaySteps(doc, [step]);
    expect(applied.ok).toBe(false);
    expect(applied.ok ? '' : applied.code).toBe('PATCH_REFUSED');
  });

  it('refuses nesting past the depth cap', () => {
    let content: unknown = { type: 'paragraph' };
    for (let i = 0; i < MAX_ESSAY_DEPTH; i += 1)
      content = { type: 'bulletList', content: [{ type: 'listItem', content: [content] }] };
    const applied = applyEssaySteps(start(), [
      { stepType: 'replace', from: 0, to: 0, slice: { content: [content] } },
    ]);
    expect(applied.ok).toBe(false);
  });

  it('refuses growing past the patched size cap, applying none of the patch', () => {
    const doc = start();
    const chunk = 'x'.repeat(60_000);
    const steps = [0, 1, 2].map(() => ({
      stepType: 'replace',
      from: 1,
      to: 1,
      slice: { content: [{ type: 'text', text: chunk }] },
    }));
    expect(3 * chunk.length).toBeGreaterThan(MAX_PATCHED_SIZE);
    const applied = applyEssaySteps(doc, steps);
    expect(applied.ok).toBe(false);
    expect(doc.textContent).toBe('The infant slept.Second.');
  });
});

describe('materialiseEssay', () => {
  const doc = start();
  const one = edit(doc, (s) => s.tr.insertText('!', 18));
  const two = edit(one.doc, (s) => s.tr.insertText('?', 19));
  const stored = { doc: doc.toJSON() as unknown, revision: 4 };

  it('applies the patches that follow on, in revision order', () => {
    const result = materialiseEssay(stored, [
      { base: 5, revision: 6, steps: json(two) },
      { base: 4, revision: 5, steps: json(one) },
    ]);
    expect(result?.revision).toBe(6);
    expect(schema.nodeFromJSON(result?.doc).eq(two.doc)).toBe(true);
    // "The infant slept.!?" and "Second.": four words.
    expect(result?.words).toBe(4);
  });

  it('stops at a gap and ignores patches older than the stored revision', () => {
    const result = materialiseEssay(stored, [
      { base: 3, revision: 4, steps: json(one) },
      { base: 4, revision: 5, steps: json(one) },
      { base: 7, revision: 8, steps: json(two) },
    ]);
    expect(result?.revision).toBe(5);
    expect(materialiseEssay(stored, [{ base: 9, revision: 10, steps: json(one) }])).toBe(undefined);
  });
});
