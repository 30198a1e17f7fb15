import { useEffect, type RefObject } from 'react';

/**
 * Focuses `target` (a heading with tabIndex -1) when it appears while focus is nowhere. A view
 * that replaces the button that led to it (Start Part Two, the submit confirmation) leaves focus
 * on the page body: a screen reader then says nothing of the new view, and the next Tab starts
 * from the top of the page. Focus the candidate put somewhere else is left where it is.
 */
export function useFocusIfLost(target: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const active = document.activeElement;
    if (active === null || active === document.body) target.current?.focus();
  }, [target]);
}
