// @vitest-environment jsdom
import { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  buildEssaySchema,
  countWords,
  countWordsInText,
  emptyEssayDocument,
  essayExtensions,
  normaliseOrderedListAttrs,
  validateEssayDocument,
} from '../src/editor/index.js';
import { essayValidatorVocabulary } from '../src/editor/validate.js';

describe('the essay schema', () => {
  it('has exactly the essay nodes and marks: no links, images, code or embeds', () => {
    const schema = buildEssaySchema();
    expect(Object.keys(schema.nodes).sort()).toEqual([
      'bulletList',
      'doc',
      'hardBreak',
      'heading',
      'listItem',
      'orderedList',
      'paragraph',
      'text',
    ]);
    expect(Object.keys(schema.marks).sort()).toEqual(['bold', 'italic']);
  });

  it('matches what the validator accepts, attribute for attribute', () => {
    const schema = buildEssaySchema();
    const fromSchema = Object.fromEntries(
      Object.entries(schema.nodes).map(([name, type]) => [
        name,
        Object.keys(type.spec.attrs ?? {}),
      ]),
    );
    expect(fromSchema).toEqual(essayValidatorVocabulary.nodes);
    expect(Object.keys(schema.marks)).toEqual(essayValidatorVocabulary.marks);
    for (const mark of Object.values(schema.marks)) expect(mark.spec.attrs ?? {}).toEqual({});
  });
});

describe('the editor built from essayExtensions', () => {
  let editor: Editor | undefined;
  afterEach(() => editor?.destroy());

  it('turns pasted links, images, code and h1 into plain essay content that validates', () => {
    editor = new Editor({ extensions: essayExtensions, content: emptyEssayDocument() });
    editor.commands.insertContent(
      '<h1>Title</h1><p><a href="javascript:alert(1)">link</a> <img src="data:x"> <code>c</code></p>' +
        '<pre><code>block</code></pre><ol start="abc" type="javascript:x"><li><p>a</p></li></ol>' +
        '<ol start="-4"><li><p>b</p></li></ol><p onclick="alert(1)"><u>u</u> <s>s</s></p>',
    );
    const json = editor.getJSON();
    const result = validateEssayDocument(json);
    if (!result.ok) throw new Error(result.message);
    expect(JSON.stringify(result.doc)).not.toMatch(/javascript|data:|onclick|href|src/);
    expect(result.doc.content.filter((b) => b.type === 'orderedList')).toEqual([
      expect.objectContaining({ attrs: { start: 1, type: null } }),
      expect.objectContaining({ attrs: { start: 0, type: null } }),
    ]);
  });

  it('clamps a list started by typing a huge number, so the draft still saves', async () => {
    editor = new Editor({ extensions: essayExtensions, content: emptyEssayDocument() });
    // One call: tiptap checks the rule on a zero timeout per call, and a second call's timer
    // would resolve a position in a document the first one already changed.
    editor.commands.insertContent('123456789. ', { applyInputRules: true });
    await new Promise((resolve) => setTimeout(resolve, 0));
    const json = editor.getJSON();
    expect(json.content?.[0]).toMatchObject({ type: 'orderedList', attrs: { start: 9_999 } });
    expect(validateEssayDocument(json).ok).toBe(true);
  });
});

describe('normaliseOrderedListAttrs', () => {
  it('leaves valid attributes alone and clamps the rest', () => {
    expect(normaliseOrderedListAttrs({ start: 4, type: 'a' })).toBeUndefined();
    expect(normaliseOrderedListAttrs({ start: Number.NaN, type: null })).toEqual({
      start: 1,
      type: null,
    });
    expect(normaliseOrderedListAttrs({ start: 2.7, type: 'x' })).toEqual({ start: 2, type: null });
    expect(normaliseOrderedListAttrs({ start: '3', type: 'I' })).toEqual({ start: 1, type: 'I' });
  });
});

describe('countWords', () => {
  it.each([
    ['', 0],
    ['   \n\t ', 0],
    ['one', 1],
    ['well-being of a 0-3 year old', 6],
    ["the caregiver's  feelings", 3],
    ['a — b', 2],
    ['Säugling und Eltern', 3],
  ])('counts %j as %i words', (text, expected) => {
    expect(countWordsInText(text)).toBe(expected);
  });

  it('separates blocks and hard breaks, and joins text split by marks', () => {
    const doc = {
      type: 'doc',
      content: [
        { type: 'heading', content: [{ type: 'text', text: 'Plan' }] },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'bo' },
            { type: 'text', text: 'ld', marks: [{ type: 'bold' }] },
            { type: 'hardBreak' },
            { type: 'text', text: 'after' },
          ],
        },
        {
          type: 'bulletList',
          content: [
            {
              type: 'listItem',
              content: [{ type: 'paragraph', content: [{ type: 'text', text: 'item' }] }],
            },
          ],
        },
      ],
    };
    expect(countWords(doc)).toBe(4);
    expect(countWords(emptyEssayDocument())).toBe(0);
  });
});
