import { useRef, type KeyboardEvent } from 'react';
import type { Highlight } from '@exam/shared/protocol';
import { segments, selectionOffsets } from './highlights';

/**
 * Text the candidate can highlight. The "Select text to highlight" button moves focus into it
 * (it stays out of the Tab order, so Tab still goes from a question to its options); there
 * Shift+Arrow keys select by character (with Ctrl, by word), H highlights the selection or
 * removes the highlight it lies in, Up and Down move between paragraphs, and Escape goes back to
 * the button. A mouse selection works with the Highlight selection button. Marks are <mark>, so
 * screen readers read the text whole and can announce the highlight.
 */
export function HighlightableText(props: {
  text: string;
  field: string;
  highlights: readonly Highlight[];
  onHighlight(range: { start: number; end: number }): void;
  readOnly?: boolean;
}) {
  const ref = useRef<HTMLSpanElement>(null);
  const own = props.highlights.filter((h) => h.field === props.field);

  const onKeyDown = (event: KeyboardEvent<HTMLSpanElement>) => {
    const container = ref.current;
    const selection = window.getSelection();
    if (!container || !selection) return;
    if (event.shiftKey && (event.key === 'ArrowRight' || event.key === 'ArrowLeft')) {
      event.preventDefault();
      const inside = selection.rangeCount > 0 && container.contains(selection.anchorNode);
      if (!inside) {
        const start = document.createRange();
        start.selectNodeContents(container);
        start.collapse(event.key === 'ArrowRight');
        selection.removeAllRanges();
        selection.addRange(start);
      }
      selection.modify(
        'extend',
        event.key === 'ArrowRight' ? 'forward' : 'backward',
        event.ctrlKey || event.altKey ? 'word' : 'character',
      );
      return;
    }
    if (!event.shiftKey && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      const all = [
        ...(container
          .closest('[data-highlight-root]')
          ?.querySelectorAll<HTMLElement>('[data-highlight-field]') ?? []),
      ];
      const next = all[all.indexOf(container) + (event.key === 'ArrowDown' ? 1 : -1)];
      if (next) {
        event.preventDefault();
        startSelectingIn(next);
      }
      return;
    }
    if (event.key === 'Escape') {
      event.preventDefault();
      container
        .closest('[data-highlight-root]')
        ?.querySelector<HTMLElement>('[data-highlight-start]')
        ?.focus();
      return;
    }
    if ((event.key === 'h' || event.key === 'H') && !event.ctrlKey && !event.metaKey) {
      if (props.readOnly) return;
      const offsets = selectionOffsets(container);
      if (!offsets) return;
      event.preventDefault();
      props.onHighlight(offsets);
      selection.collapseToEnd();
    }
  };

  return (
    <span
      ref={ref}
      className="highlightable"
      data-highlight-field={props.field}
      tabIndex={-1}
      aria-keyshortcuts="Shift+ArrowRight Shift+ArrowLeft H"
      onKeyDown={onKeyDown}
    >
      {segments(props.text, own).map((run, index) =>
        run.marked ? <mark key={index}>{run.text}</mark> : run.text,
      )}
    </span>
  );
}

/** Focuses a highlightable text with the caret at its start, ready for Shift+Arrow. */
export function startSelectingIn(container: HTMLElement | null | undefined): void {
  if (!container) return;
  container.focus();
  const selection = window.getSelection();
  const start = document.createRange();
  start.selectNodeContents(container);
  start.collapse(true);
  selection?.removeAllRanges();
  selection?.addRange(start);
}

/** The "Select text to highlight" button's target: the first highlightable text of root. */
export function firstHighlightable(root: Element | null): HTMLElement | null {
  return root?.querySelector<HTMLElement>('[data-highlight-field]') ?? null;
}

/** The Highlight button's range: the current selection, in whichever highlightable text of root. */
export function selectedHighlight(
  root: Element | null,
): { field: string; start: number; end: number } | undefined {
  if (!root) return undefined;
  for (const container of root.querySelectorAll('[data-highlight-field]')) {
    const offsets = selectionOffsets(container);
    const field = container.getAttribute('data-highlight-field');
    if (offsets && field) return { field, ...offsets };
  }
  return undefined;
}
