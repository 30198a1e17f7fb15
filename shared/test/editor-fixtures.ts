import {
  validateEssayDocument,
  type EssayBlock,
  type EssayDocument,
  type EssayInline,
  type EssayListItem,
  type EssayValidationCode,
} from '../src/editor/index.js';

const vocabulary = [
  'the',
  'caregiver',
  'noticed',
  'infant',
  'regulation',
  'relationship',
  'supervisor',
  'reflected',
  'on',
  'her',
  'feelings',
  'during',
  'home',
  'visit',
  'well-being',
  'attunement',
];

/** `count` words of prose, deterministic, so sizes and counts are stable across runs. */
export function words(count: number, offset = 0): string[] {
  return Array.from({ length: count }, (_, i) => vocabulary[(i + offset) % vocabulary.length]!);
}

/** A run of words with every third word bold and every fifth italic: mark-heavy, like real essays. */
export function formattedInline(list: string[]): EssayInline[] {
  return list.map((word, i): EssayInline => {
    const text = i === 0 ? word : ` ${word}`;
    const marks = [
      ...(i % 3 === 0 ? [{ type: 'bold' as const }] : []),
      ...(i % 5 === 0 ? [{ type: 'italic' as const }] : []),
    ];
    return marks.length > 0 ? { type: 'text', text, marks } : { type: 'text', text };
  });
}

function listItem(text: string[]): EssayListItem {
  return { type: 'listItem', content: [{ type: 'paragraph', content: formattedInline(text) }] };
}

/**
 * An essay of exactly `total` words: per section a heading, two paragraphs, a bulleted and a
 * numbered list, until the words run out.
 */
export function essayOfWords(total: number): EssayDocument {
  const content: EssayBlock[] = [];
  let used = 0;
  const take = (n: number): string[] => {
    const count = Math.min(n, total - used);
    const out = words(count, used);
    used += count;
    return out;
  };
  while (used < total) {
    content.push({ type: 'heading', attrs: { level: 2 }, content: formattedInline(take(4)) });
    for (const size of [120, 90]) {
      const text = take(size);
      if (text.length > 0) content.push({ type: 'paragraph', content: formattedInline(text) });
    }
    const bullets = [take(12), take(12), take(12)].filter((t) => t.length > 0);
    if (bullets.length > 0) content.push({ type: 'bulletList', content: bullets.map(listItem) });
    const numbered = [take(15), take(15)].filter((t) => t.length > 0);
    if (numbered.length > 0) {
      content.push({
        type: 'orderedList',
        attrs: { start: 1, type: null },
        content: numbered.map(listItem),
      });
    }
  }
  return { type: 'doc', content };
}

/** A list nested `depth` levels deep, built without recursion. */
export function nestedList(depth: number): unknown {
  let node: unknown = { type: 'paragraph', content: [{ type: 'text', text: 'deep' }] };
  for (let i = 0; i < depth; i += 1) {
    node = {
      type: 'bulletList',
      content: [{ type: 'listItem', content: [{ type: 'paragraph' }, node] }],
    };
  }
  return { type: 'doc', content: [node] };
}

/** A document of the given blocks, typed loosely so attack documents can be written inline. */
export function docWith(...blocks: unknown[]): unknown {
  return { type: 'doc', content: blocks };
}

/** A paragraph of one text node, with extra text-node keys for attack documents. */
export const para = (text: string, extra: Record<string, unknown> = {}) => ({
  type: 'paragraph',
  content: [{ type: 'text', text, ...extra }],
});

/** The refusal code for an input, or 'accepted'. */
export function refusal(input: unknown): EssayValidationCode | 'accepted' {
  const result = validateEssayDocument(input);
  return result.ok ? 'accepted' : result.code;
}
