import type { RefObject } from 'react';
import { firstHighlightable, selectedHighlight, startSelectingIn } from './HighlightableText';

/**
 * The highlighting buttons under a question's stem or a vignette's case: select by keyboard,
 * highlight what is selected, and remove every highlight of the item.
 */
export function HighlightControls(props: {
  /** The element holding the highlightable text (marked `data-highlight-root`). */
  root: RefObject<HTMLElement | null>;
  readOnly?: boolean;
  hasHighlights: boolean;
  onHighlight(range: { field: string; start: number; end: number }): void;
  onClear(): void;
}) {
  return (
    <>
      <button
        type="button"
        className="link-button"
        data-highlight-start
        disabled={props.readOnly}
        onClick={() => startSelectingIn(firstHighlightable(props.root.current))}
      >
        Select text to highlight
      </button>
      <button
        type="button"
        className="link-button"
        disabled={props.readOnly}
        // Keeps a mouse selection: pressing the button must not clear what it highlights.
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => {
          const range = selectedHighlight(props.root.current);
          if (range) props.onHighlight(range);
        }}
      >
        Highlight selection
      </button>
      {props.hasHighlights && (
        <button
          type="button"
          className="link-button"
          disabled={props.readOnly}
          onClick={props.onClear}
        >
          Remove highlights
        </button>
      )}
    </>
  );
}
