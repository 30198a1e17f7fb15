import { describe, expect, it } from 'vitest';
import {
  emptyEssayDocument,
  MAX_ESSAY_BYTES,
  MAX_ESSAY_DEPTH,
  validateEssayDocument,
} from '../src/editor/index.js';
import { docWith, essayOfWords, nestedList, para, refusal } from './editor-fixtures.js';

describe('validateEssayDocument accepts the essay schema', () => {
  it('accepts the empty document and fills in nothing it does not need', () => {
    const result = validateEssayDocument(emptyEssayDocument());
    expect(result).toMatchObject({ ok: true, words: 0, doc: emptyEssayDocument() });
  });

  it('accepts every node and mark, and returns canonical JSON with defaults filled in', () => {
    const input = docWith(
      { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Plan' }] },
      para('Bold', { marks: [{ type: 'bold' }, { type: 'italic' }] }),
      { type: 'paragraph', content: [{ type: 'text', text: 'a' }, { type: 'hardBreak' }] },
      { type: 'orderedList', content: [{ type: 'listItem', content: [para('one')] }] },
      {
        type: 'orderedList',
        attrs: { start: 0, type: 'i' },
        content: [{ type: 'listItem', content: [para('x')] }],
      },
      {
        type: 'bulletList',
        content: [
          {
            type: 'listItem',
            content: [
              para('two'),
              { type: 'bulletList', content: [{ type: 'listItem', content: [para('three')] }] },
            ],
          },
        ],
      },
    );
    const result = validateEssayDocument(input);
    if (!result.ok) throw new Error(result.message);
    expect(result.words).toBe(7);
    expect(result.doc.content[3]).toMatchObject({ attrs: { start: 1, type: null } });
    expect(result.doc).not.toBe(input);
    expect(validateEssayDocument(result.doc)).toEqual(result);
  });

  it('accepts a 5,000-word essay with headings, lists and heavy formatting, well under the cap', () => {
    const result = validateEssayDocument(essayOfWords(5_000));
    if (!result.ok) throw new Error(result.message);
    expect(result.words).toBe(5_000);
    expect(result.bytes).toBeLessThan(MAX_ESSAY_BYTES / 2);
  });

  it('accepts 5,000 words whose every word changes formatting, the worst case of the cap', () => {
    const cycle = [
      [],
      [{ type: 'bold' }],
      [{ type: 'italic' }],
      [{ type: 'bold' }, { type: 'italic' }],
    ];
    const content = Array.from({ length: 50 }, (_, p) => ({
      type: 'paragraph',
      content: Array.from({ length: 100 }, (_, i) => ({
        type: 'text',
        text: `${i === 0 ? '' : ' '}relationship${p}`,
        ...(i % 4 === 0 ? {} : { marks: cycle[i % 4] }),
      })),
    }));
    const result = validateEssayDocument({ type: 'doc', content });
    if (!result.ok) throw new Error(result.message);
    expect(result.words).toBe(5_000);
  });
});

describe('validateEssayDocument enforces its caps', () => {
  it('refuses 10,000-deep nesting without overflowing the stack', () => {
    expect(refusal(nestedList(5_000))).toBe('ESSAY_TOO_DEEP');
    let raw: unknown = { type: 'paragraph' };
    for (let i = 0; i < 10_000; i += 1) raw = { type: 'bulletList', content: [raw] };
    expect(refusal(docWith(raw))).toBe('ESSAY_TOO_DEEP');
  });

  it('accepts nesting up to the cap and refuses one level past it', () => {
    // Each level is a list and an item; the innermost paragraph and its text add two more.
    const levels = (MAX_ESSAY_DEPTH - 2) / 2;
    expect(refusal(nestedList(levels))).toBe('accepted');
    expect(refusal(nestedList(levels + 1))).toBe('ESSAY_TOO_DEEP');
  });

  it('refuses a 10 MB text node and documents over the size cap', () => {
    expect(refusal(docWith(para('a'.repeat(10 * 1024 * 1024))))).toBe('ESSAY_TOO_LARGE');
    const many = Array.from({ length: 6_000 }, () => para('x'.repeat(100)));
    expect(refusal({ type: 'doc', content: many })).toBe('ESSAY_TOO_LARGE');
    const empties = Array.from({ length: 200_000 }, () => ({ type: 'paragraph' }));
    expect(refusal({ type: 'doc', content: empties })).toBe('ESSAY_TOO_LARGE');
  });

  it('counts multi-byte text by its UTF-8 size', () => {
    // 140,000 four-byte characters: 280,000 UTF-16 units but 560,000 bytes.
    const emoji = '\u{1F600}'.repeat(140_000);
    expect(refusal(docWith(para(emoji)))).toBe('ESSAY_TOO_LARGE');
  });

  it('names where the document went wrong', () => {
    const result = validateEssayDocument(docWith(para('x'), { type: 'image' }));
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('doc.content[1]') });
  });
});
