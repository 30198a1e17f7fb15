import type { AttemptContext } from './attempt-context.js';
import { itemOptionOrder } from './option-order.js';

/** The letter of an option's place: 0 is A. */
const letterOf = (index: number) => String.fromCharCode(65 + index);

/** What the summary reads of a held change: the row, or one about to be stored. */
export interface SummarisedChange {
  kind: string;
  position: number;
  payload: unknown;
}

/**
 * What a held change is, in words a proctor or coordinator can check against the item bank.
 * An answer is stored as the place the candidate saw the option in, and options are shuffled
 * per candidate, so the option is named by its authored letter (the bank's) and, where the
 * candidate saw it elsewhere, by that letter too: "Question 2: option C (shown to the candidate
 * as A)". The console, the coordinator's page and the audit entries all say it this way.
 */
export function lateChangeSummary(
  change: SummarisedChange,
  attempt: Pick<AttemptContext, 'items' | 'optionSeed'>,
): string {
  if (change.kind === 'answer') {
    const { choice, flagged } = change.payload as { choice: number | null; flagged: boolean };
    const chosen =
      choice === null ? 'answer cleared' : optionNamed(change.position, choice, attempt);
    return `Question ${change.position}: ${chosen}${flagged ? ' (flagged)' : ''}`;
  }
  if (change.kind === 'choice') {
    const { chosen } = change.payload as { chosen: number[] };
    return `Vignettes chosen: ${chosen.length === 0 ? 'none' : chosen.join(' and ')}`;
  }
  const { words } = change.payload as { words: number };
  return `Vignette ${change.position}: response of ${words} words`;
}

function optionNamed(
  position: number,
  shown: number,
  attempt: Pick<AttemptContext, 'items' | 'optionSeed'>,
): string {
  const item = attempt.items.find((i) => i.position === position);
  const authored = item ? itemOptionOrder(attempt.optionSeed, item)[shown] : undefined;
  // Not on the attempt's form: only the place shown is known, and the text says so.
  if (authored === undefined) return `the option shown to the candidate as ${letterOf(shown)}`;
  if (authored === shown) return `option ${letterOf(authored)}`;
  return `option ${letterOf(authored)} (shown to the candidate as ${letterOf(shown)})`;
}
