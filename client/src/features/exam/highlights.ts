import type { Highlight } from '@exam/shared/protocol';

/**
 * Adds a highlight to an item's list: a range wholly inside an existing highlight removes that
 * highlight (the same keys turn it off), anything else is merged with the highlights it touches.
 */
export function toggleHighlight(list: readonly Highlight[], next: Highlight): Highlight[] {
  const sameField = list.filter((h) => h.field === next.field);
  const others = list.filter((h) => h.field !== next.field);
  const covering = sameField.find((h) => h.start <= next.start && h.end >= next.end);
  if (covering) return [...others, ...sameField.filter((h) => h !== covering)];
  let merged = { ...next };
  const kept: Highlight[] = [];
  for (const h of sameField) {
    if (h.end < merged.start || h.start > merged.end) kept.push(h);
    else
      merged = {
        field: next.field,
        start: Math.min(h.start, merged.start),
        end: Math.max(h.end, merged.end),
      };
  }
  return [...others, ...kept, merged].sort((a, b) =>
    a.field === b.field ? a.start - b.start : a.field < b.field ? -1 : 1,
  );
}

/** The text cut into plain and highlighted runs, in order. */
export function segments(
  text: string,
  highlights: readonly Highlight[],
): { text: string; marked: boolean }[] {
  const runs: { text: string; marked: boolean }[] = [];
  let at = 0;
  for (const h of [...highlights].sort((a, b) => a.start - b.start)) {
    const start = Math.max(h.start, at);
    const end = Math.min(h.end, text.length);
    if (end <= start) continue;
    if (start > at) runs.push({ text: text.slice(at, start), marked: false });
    runs.push({ text: text.slice(start, end), marked: true });
    at = end;
  }
  if (at < text.length) runs.push({ text: text.slice(at), marked: false });
  return runs;
}

/** The selection's character offsets within `container`'s text, if it lies inside it. */
export function selectionOffsets(container: Element): { start: number; end: number } | undefined {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return undefined;
  const range = selection.getRangeAt(0);
  if (!container.contains(range.startContainer) || !container.contains(range.endContainer))
    return undefined;
  const before = document.createRange();
  before.selectNodeContents(container);
  before.setEnd(range.startContainer, range.startOffset);
  const start = before.toString().length;
  const end = start + range.toString().length;
  return end > start ? { start, end } : undefined;
}
