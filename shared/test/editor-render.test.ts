import { describe, expect, it } from 'vitest';
import {
  emptyEssayDocument,
  renderEssayHtml,
  type EssayDocument,
  type EssayInline,
} from '../src/editor/index.js';
import { essayOfWords } from './editor-fixtures.js';

const text = (value: string, ...marks: ('bold' | 'italic')[]): EssayInline =>
  marks.length > 0
    ? { type: 'text', text: value, marks: marks.map((type) => ({ type })) }
    : { type: 'text', text: value };

describe('renderEssayHtml', () => {
  it('escapes text, so a script in the essay stays text', () => {
    const doc: EssayDocument = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [text('<script>alert("x")</script> & <img src=x onerror=alert(1)> \'q\'')],
        },
      ],
    };
    const html = renderEssayHtml(doc);
    expect(html).toBe(
      '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; ' +
        '&lt;img src=x onerror=alert(1)&gt; &#39;q&#39;</p>',
    );
    expect(html).not.toMatch(/<script|<img/i);
  });

  it('renders headings, marks, hard breaks and both kinds of list', () => {
    const doc: EssayDocument = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [text('Observations')] },
        { type: 'heading', attrs: { level: 3 }, content: [text('First visit')] },
        {
          type: 'paragraph',
          content: [
            text('plain '),
            text('bold ', 'bold'),
            text('both', 'bold', 'italic'),
            text(' italic', 'italic'),
            { type: 'hardBreak' },
            text('next line'),
          ],
        },
        {
          type: 'bulletList',
          content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [text('a')] }] }],
        },
        {
          type: 'orderedList',
          attrs: { start: 3, type: 'i' },
          content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [text('b')] }] }],
        },
        {
          type: 'orderedList',
          content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [text('c')] }] }],
        },
      ],
    };
    expect(renderEssayHtml(doc)).toBe(
      '<h2>Observations</h2><h3>First visit</h3>' +
        '<p>plain <strong>bold <em>both</em></strong><em> italic</em><br>next line</p>' +
        '<ul><li><p>a</p></li></ul>' +
        '<ol start="3" type="i"><li><p>b</p></li></ol>' +
        '<ol><li><p>c</p></li></ol>',
    );
  });

  it('renders the empty document and a 5,000-word essay', () => {
    expect(renderEssayHtml(emptyEssayDocument())).toBe('<p></p>');
    const html = renderEssayHtml(essayOfWords(5_000));
    expect(html.startsWith('<h2>')).toBe(true);
    expect(html).toContain('<ol><li><p>');
  });

  it('refuses to render a document that does not validate', () => {
    const bad = {
      type: 'doc',
      content: [{ type: 'paragraph', attrs: { onclick: 'alert(1)' } }],
    } as unknown as EssayDocument;
    expect(() => renderEssayHtml(bad)).toThrow(/ESSAY_EVENT_HANDLER_KEY/);
  });
});
