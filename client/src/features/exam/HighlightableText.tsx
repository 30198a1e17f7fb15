import { useRef, type KeyboardEvent } from 'react';
import type { Highlight } from '@exam/shared/protocol';
import { segments, selectionOffsets } from './highlights';

/**
 * Text the candidate can highlight. It takes focus (Tab), and there Shift+Arrow keys select by
 * character (with Ctrl, by word) and H highlights the selection or removes the highlight it lies
 * in; a mouse selection works with the Highlight button too. Marks are <mark>, so screen readers
 * read the text whole and can announce the highlight.
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
      tabIndex={0}
      aria-keyshortcuts="Shift+ArrowRight Shift+ArrowLeft H"
      onKeyDown={onKeyDown}
    >
      {segments(props.text, own).map((run, index) =>
        run.marked ? <mark key={index}>{run.text}</mark> : run.text,
      )}
    </span>
  );
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
