import { toggleMark } from '@tiptap/pm/commands';
import { EditorState, TextSelection, type Transaction } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import {
  compactSteps,
  expandSteps,
  getEssaySchema,
  materialiseEssay,
  splitPatchRows,
} from '../src/editor/index.js';
import { docWith, para } from './editor-fixtures.js';

const schema = getEssaySchema();
const doc = schema.nodeFromJSON(docWith(para('The infant slept.'), para('Second.')));
const state = () => EditorState.create({ schema, doc });
const json = (tr: Transaction) => tr.steps.map((s) => s.toJSON() as unknown);

function bold(from: number, to: number): Transaction {
  const selected = state().apply(state().tr.setSelection(TextSelection.create(doc, from, to)));
  let out: Transaction | undefined;
  toggleMark(schema.marks.bold!)(selected, (tr) => (out = tr));
  if (!out) throw new Error('bold did not apply');
  return out;
}

describe('stored steps', () => {
  it('stores typing and deleting as pairs, and expands them to the same JSON', () => {
    const typed = json(state().tr.insertText('a', 18));
    const deleted = json(state().tr.delete(5, 12));
    expect(compactSteps(typed)).toEqual([[18, 'a']]);
    expect(compactSteps(deleted)).toEqual([[5, 12]]);
    expect(expandSteps(compactSteps([...typed, ...deleted]))).toEqual([...typed, ...deleted]);
  });

  it('stores any other step as it came: splits, marks, text with marks', () => {
    const split = json(state().tr.split(10));
    const marked = json(bold(1, 4));
    const boldText = json(state().tr.insert(3, schema.text('x', [schema.marks.bold!.create()])));
    for (const steps of [split, marked, boldText]) {
      expect(compactSteps(steps)).toEqual(steps);
      expect(expandSteps(compactSteps(steps))).toEqual(steps);
    }
  });

  it('leaves a step with keys beyond its shape alone', () => {
    const odd = {
      stepType: 'replace',
      from: 3,
      to: 3,
      slice: { content: [{ type: 'text', text: 'x' }] },
      structure: true,
    };
    expect(compactSteps([odd])).toEqual([odd]);
  });

  it('brings a stored draft up to date from compacted patches', () => {
    const typed = state().tr.insertText(' She woke.', 18);
    const stored = { doc: doc.toJSON(), revision: 4 };
    const result = materialiseEssay(stored, [
      { base: 4, revision: 5, steps: compactSteps(json(typed)) },
    ]);
    expect(result?.revision).toBe(5);
    expect(result?.doc).toEqual(typed.doc.toJSON());
  });

  it('takes a row holding several patches apart, so each revision is rebuilt', () => {
    const first = state().tr.insertText(' She', 18);
    const second = state().tr.insertText(' She', 18).insertText(' woke.', 22);
    const steps = compactSteps(json(second));
    const row = { base: 4, revision: 6, steps, marks: [5, 1], at: 'then' };
    expect(splitPatchRows([row])).toEqual([
      { base: 4, revision: 5, steps: steps.slice(0, 1), marks: null, at: 'then' },
      { base: 5, revision: 6, steps: steps.slice(1), marks: null, at: 'then' },
    ]);
    const stored = { doc: doc.toJSON(), revision: 4 };
    expect(materialiseEssay(stored, [row])?.doc).toEqual(second.doc.toJSON());
    // A checkpoint stored at revision 5, inside the row: the rest of the row still follows it.
    const checkpoint = { doc: first.doc.toJSON(), revision: 5 };
    expect(materialiseEssay(checkpoint, [row])).toMatchObject({ revision: 6 });
    expect(materialiseEssay(checkpoint, [row])?.doc).toEqual(second.doc.toJSON());
  });
});
