/**
 * The plain text of an essay document: every text node in document order, nothing between
 * blocks. It is exactly the `textContent` of the HTML renderEssayHtml makes (block tags and hard
 * breaks add no text), so an offset into it means the same passage on the server and in the
 * grader's browser, whatever the styling does to the rendered page.
 */
export function essayPlainText(doc: unknown): string {
  let out = '';
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const { text, content } = node as { text?: unknown; content?: unknown };
    if (typeof text === 'string') out += text;
    if (Array.isArray(content)) for (const child of content) walk(child);
  };
  walk(doc);
  return out;
}
