import { describe, expect, it } from 'vitest';
import { emptyEssayDocument, validateEssayDocument } from '../src/editor/index.js';
import { docWith, para, refusal } from './editor-fixtures.js';

describe('validateEssayDocument refuses attack documents', () => {
  const list = (attrs: unknown) => ({
    type: 'orderedList',
    attrs,
    content: [{ type: 'listItem', content: [para('x')] }],
  });

  it.each([
    ['ordered list type', docWith(list({ start: 1, type: 'javascript:alert(1)' }))],
    ['heading level', docWith({ type: 'heading', attrs: { level: 'javascript:alert(1)' } })],
    ['unknown attribute', docWith({ type: 'paragraph', attrs: { href: 'javascript:alert(1)' } })],
    [
      'obfuscated scheme',
      docWith({ type: 'paragraph', attrs: { href: ' JaVa\n\tScRiPt:alert(1)' } }),
    ],
    [
      'control characters',
      docWith({ type: 'paragraph', attrs: { href: '\u0000java\u200bscript:x' } }),
    ],
    [
      'mark attribute',
      docWith(para('x', { marks: [{ type: 'link', attrs: { href: 'javascript:x' } }] })),
    ],
    [
      'data URL',
      docWith({ type: 'paragraph', attrs: { src: 'data:text/html;base64,PHNjcmlwdD4=' } }),
    ],
    ['data URL in a list', docWith(list({ start: 1, type: 'data:image/svg+xml,<svg onload=x>' }))],
    ['vbscript', docWith(list({ start: 1, type: 'vbscript:msgbox' }))],
  ])('refuses a script or data URL in an attribute: %s', (_name, doc) => {
    expect(refusal(doc)).toBe('ESSAY_UNSAFE_URL');
  });

  it.each([
    'image',
    'codeBlock',
    'code',
    'iframe',
    'blockquote',
    'horizontalRule',
    'table',
    'script',
  ])('refuses the unknown node type %s', (type) => {
    expect(refusal(docWith({ type, attrs: {}, content: [] }))).toBe('ESSAY_UNKNOWN_NODE_TYPE');
  });

  it.each(['link', 'code', 'strike', 'underline', 'textStyle'])(
    'refuses the unknown mark %s',
    (type) => {
      expect(refusal(docWith(para('x', { marks: [{ type }] })))).toBe('ESSAY_UNKNOWN_MARK_TYPE');
    },
  );

  it.each([
    ['an attribute', docWith({ type: 'paragraph', attrs: { onclick: 'alert(1)' } })],
    ['a node key', docWith({ type: 'paragraph', onClick: 'alert(1)' })],
    ['a mark key', docWith(para('x', { marks: [{ type: 'bold', onmouseover: 'x' }] }))],
    [
      'a mark attribute',
      docWith(para('x', { marks: [{ type: 'bold', attrs: { onfocus: 'x' } }] })),
    ],
  ])('refuses an event-handler key in %s', (_name, doc) => {
    expect(refusal(doc)).toBe('ESSAY_EVENT_HANDLER_KEY');
  });

  it.each([
    ['the root', '{"type":"doc","content":[{"type":"paragraph"}],"__proto__":{"admin":true}}'],
    ['a node', '{"type":"doc","content":[{"type":"paragraph","__proto__":{"x":1}}]}'],
    [
      'attributes',
      '{"type":"doc","content":[{"type":"heading","attrs":{"level":2,"__proto__":{}}}]}',
    ],
    [
      'a mark',
      '{"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"x","marks":[{"type":"bold","__proto__":{}}]}]}]}',
    ],
    [
      'constructor',
      '{"type":"doc","content":[{"type":"paragraph","constructor":{"prototype":{}}}]}',
    ],
    ['prototype', '{"type":"doc","content":[{"type":"paragraph","attrs":{"prototype":1}}]}'],
  ])('refuses a prototype key in %s', (_name, json) => {
    expect(refusal(JSON.parse(json))).toBe('ESSAY_FORBIDDEN_KEY');
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it.each([
    ['null', null, 'ESSAY_NOT_AN_OBJECT'],
    ['a string', '{"type":"doc"}', 'ESSAY_NOT_AN_OBJECT'],
    ['an array', [emptyEssayDocument()], 'ESSAY_NOT_AN_OBJECT'],
    [
      'a class instance',
      Object.assign(Object.create({ evil: true }), emptyEssayDocument()),
      'ESSAY_NOT_AN_OBJECT',
    ],
    ['a numeric type', docWith({ type: 7 }), 'ESSAY_UNKNOWN_NODE_TYPE'],
    ['a missing type', docWith({ content: [] }), 'ESSAY_UNKNOWN_NODE_TYPE'],
    [
      'non-string text',
      docWith({ type: 'paragraph', content: [{ type: 'text', text: 42 }] }),
      'ESSAY_INVALID_TEXT',
    ],
    [
      'an object as text',
      docWith({ type: 'paragraph', content: [{ type: 'text', text: { toString: 'x' } }] }),
      'ESSAY_INVALID_TEXT',
    ],
    ['empty text', docWith(para('')), 'ESSAY_INVALID_TEXT'],
    ['a NUL character', docWith(para('a\u0000b')), 'ESSAY_INVALID_TEXT'],
    ['a lone surrogate', docWith(para('a\ud800b')), 'ESSAY_INVALID_TEXT'],
    ['text on a paragraph', docWith({ type: 'paragraph', text: 'x' }), 'ESSAY_UNKNOWN_KEY'],
    ['an extra key', docWith({ type: 'paragraph', style: 'color:red' }), 'ESSAY_UNKNOWN_KEY'],
    [
      'content as an object',
      docWith({ type: 'paragraph', content: { 0: para('x') } }),
      'ESSAY_INVALID_STRUCTURE',
    ],
    [
      'content on text',
      docWith({ type: 'paragraph', content: [{ type: 'text', text: 'x', content: [] }] }),
      'ESSAY_INVALID_STRUCTURE',
    ],
    ['attrs as an array', docWith({ type: 'heading', attrs: [2] }), 'ESSAY_NOT_AN_OBJECT'],
    [
      'marks as an object',
      docWith(para('x', { marks: { type: 'bold' } })),
      'ESSAY_INVALID_STRUCTURE',
    ],
    [
      'marks on a block',
      docWith({ type: 'paragraph', marks: [{ type: 'bold' }] }),
      'ESSAY_INVALID_STRUCTURE',
    ],
    [
      'duplicate marks',
      docWith(para('x', { marks: [{ type: 'bold' }, { type: 'bold' }] })),
      'ESSAY_INVALID_STRUCTURE',
    ],
    [
      'heading level 1',
      docWith({ type: 'heading', attrs: { level: 1 } }),
      'ESSAY_INVALID_ATTRIBUTE',
    ],
    [
      'heading level "2"',
      docWith({ type: 'heading', attrs: { level: '2' } }),
      'ESSAY_INVALID_ATTRIBUTE',
    ],
    ['a negative list start', docWith(list({ start: -1, type: null })), 'ESSAY_INVALID_ATTRIBUTE'],
    [
      'a fractional list start',
      docWith(list({ start: 1.5, type: null })),
      'ESSAY_INVALID_ATTRIBUTE',
    ],
    ['a huge list start', docWith(list({ start: 1e20, type: null })), 'ESSAY_INVALID_ATTRIBUTE'],
    ['an unknown list style', docWith(list({ start: 1, type: 'disc' })), 'ESSAY_INVALID_ATTRIBUTE'],
    [
      'an attribute on a paragraph',
      docWith({ type: 'paragraph', attrs: { textAlign: 'center' } }),
      'ESSAY_UNKNOWN_ATTRIBUTE',
    ],
    [
      'a mark attribute',
      docWith(para('x', { marks: [{ type: 'bold', attrs: { weight: 900 } }] })),
      'ESSAY_UNKNOWN_ATTRIBUTE',
    ],
    ['a nested doc', docWith(emptyEssayDocument()), 'ESSAY_INVALID_STRUCTURE'],
    ['a paragraph as the root', para('x'), 'ESSAY_INVALID_STRUCTURE'],
    ['no blocks', docWith(), 'ESSAY_INVALID_STRUCTURE'],
    ['text directly in the doc', docWith({ type: 'text', text: 'x' }), 'ESSAY_INVALID_STRUCTURE'],
    [
      'a list item outside a list',
      docWith({ type: 'listItem', content: [para('x')] }),
      'ESSAY_INVALID_STRUCTURE',
    ],
    [
      'a paragraph in a list',
      docWith({ type: 'bulletList', content: [para('x')] }),
      'ESSAY_INVALID_STRUCTURE',
    ],
    ['an empty list', docWith({ type: 'bulletList', content: [] }), 'ESSAY_INVALID_STRUCTURE'],
    ['a hole in content', docWith(para('x'), undefined), 'ESSAY_NOT_AN_OBJECT'],
  ])('refuses %s', (_name, input, code) => {
    const result = validateEssayDocument(input);
    expect(result).toMatchObject({ ok: false, code });
    if (!result.ok) expect(result.message.length).toBeGreaterThan(0);
  });
});
