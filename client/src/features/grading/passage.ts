/**
 * Passages of a rendered response as offsets into its plain text (the container's
 * textContent, which is exactly shared/editor essayPlainText of the document), so a passage the
 * grader selects here is the one the server cuts its quote from.
 */

export interface Passage {
  start: number;
  end: number;
}

/** The selection's passage, when it lies inside the container and is not empty. */
export function passageOfSelection(container: HTMLElement, selection: Selection | null) {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!container.contains(range.startContainer) || !container.contains(range.endContainer))
    return null;
  const before = document.createRange();
  before.setStart(container, 0);
  before.setEnd(range.startContainer, range.startOffset);
  const start = before.toString().length;
  const end = start + range.toString().length;
  return end > start ? { start, end } : null;
}

/** The next place the words occur at or after `from`, wrapping to the start once. */
export function findPassage(text: string, words: string, from: number): Passage | null {
  const needle = words.trim();
  if (!needle) return null;
  const lower = text.toLowerCase();
  const target = needle.toLowerCase();
  let at = lower.indexOf(target, from);
  if (at < 0) at = lower.indexOf(target);
  return at < 0 ? null : { start: at, end: at + needle.length };
}

/** A DOM range over a passage, for highlighting it without touching the rendered markup. */
export function rangeOf(container: HTMLElement, passage: Passage): Range | null {
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let seen = 0;
  let started = false;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const length = node.textContent?.length ?? 0;
    if (!started && passage.start <= seen + length) {
      range.setStart(node, passage.start - seen);
      started = true;
    }
    if (started && passage.end <= seen + length) {
      range.setEnd(node, passage.end - seen);
      return range;
    }
    seen += length;
  }
  return null;
}

/**
 * Marks passages with the CSS Custom Highlight API, which paints ranges without changing the
 * DOM the server rendered (browsers without it simply show no marks; the list still names each
 * passage).
 */
export function highlightPassages(name: string, container: HTMLElement, passages: Passage[]) {
  const registry = (globalThis.CSS as unknown as { highlights?: Map<string, unknown> } | undefined)
    ?.highlights;
  const HighlightType = (globalThis as { Highlight?: new (...ranges: Range[]) => unknown })
    .Highlight;
  if (!registry || !HighlightType) return () => undefined;
  const ranges = passages.flatMap((p) => rangeOf(container, p) ?? []);
  registry.set(name, new HighlightType(...ranges));
  return () => registry.delete(name);
}
