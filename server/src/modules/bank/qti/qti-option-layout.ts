import type { Element } from '@xmldom/xmldom';
import { excerpt } from './qti-excerpt.js';

/**
 * What our writer puts on the items and tests it exports. Version 1 wrote shuffle="false" on
 * every item while delivery shuffled them all, and wrote no fixed choices; version 2 writes each
 * item's own shuffle and fixed choices.
 */
export const TOOL = { name: 'exam-platform', version: '2' } as const;

/** How an item's options may move for a candidate, as the bank stores it. */
export interface ReadLayout {
  shuffle: boolean;
  fixedOptions: number[];
}

/** An xs:boolean attribute: undefined when absent, null when it is not a boolean at all. */
function booleanAttribute(element: Element, name: string): boolean | null | undefined {
  const raw = element.getAttribute(name);
  if (raw === null) return undefined;
  const value = raw.trim();
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return null;
}

/**
 * The interaction's `shuffle` and its choices' `fixed`. A missing shuffle leaves the bank's
 * default (shuffled), as imports always had: absent is what most tools write for "the delivery
 * decides". Packages our own version 1 wrote said shuffle="false" of items that were shuffled,
 * so there it is read as not stated, and an old export imports back as it was delivered.
 */
export function readOptionLayout(
  root: Element,
  interaction: Element,
  choices: readonly Element[],
): ReadLayout | { refused: string } {
  const shuffle = booleanAttribute(interaction, 'shuffle');
  if (shuffle === null) {
    return {
      refused: `The interaction's shuffle="${excerpt(interaction.getAttribute('shuffle')!)}" is neither true nor false.`,
    };
  }
  const fixedOptions: number[] = [];
  for (const [index, choice] of choices.entries()) {
    const fixed = booleanAttribute(choice, 'fixed');
    if (fixed === null) {
      return {
        refused: `Choice ${excerpt(choice.getAttribute('identifier') ?? String(index + 1))} has fixed="${excerpt(choice.getAttribute('fixed')!)}", neither true nor false.`,
      };
    }
    if (fixed) fixedOptions.push(index);
  }
  const ourFirstVersion =
    root.getAttribute('tool-name') === TOOL.name && root.getAttribute('tool-version') === '1';
  return { shuffle: ourFirstVersion ? true : (shuffle ?? true), fixedOptions };
}

/** The attributes an exported interaction and its choices carry for the item's layout. */
export function layoutAttributes(layout: { shuffle: boolean; fixedOptions: readonly number[] }) {
  return {
    interaction: `shuffle="${layout.shuffle}"`,
    choice: (index: number) => (layout.fixedOptions.includes(index) ? ' fixed="true"' : ''),
  };
}
