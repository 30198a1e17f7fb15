/** The text of an editor document (a response), paragraphs on lines of their own. */
export function plainText(node: unknown): string {
  if (typeof node !== 'object' || node === null) return '';
  const { type, text, content } = node as { type?: unknown; text?: unknown; content?: unknown };
  if (typeof text === 'string') return text;
  const inner = Array.isArray(content) ? content.map(plainText).join('') : '';
  return type === 'paragraph' || type === 'heading' || type === 'listItem' ? `${inner}\n` : inner;
}
