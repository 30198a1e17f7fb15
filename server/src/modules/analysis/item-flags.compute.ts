/**
 * The flag rules of item analysis, each with a plain-language reason a psychometrician or a
 * coordinator can act on. Thresholds are the conventional classical-test-theory ones.
 */
import type { ItemFigures } from './item-analysis.compute.js';

export type ItemFlagCode =
  | 'TOO_HARD'
  | 'TOO_EASY'
  | 'LOW_DISCRIMINATION'
  | 'NEGATIVE_DISCRIMINATION'
  | 'DISTRACTOR_BEATS_KEY_UPPER'
  | 'DISTRACTOR_ATTRACTS_UPPER'
  | 'DISTRACTOR_UNUSED';

export interface ItemFlag {
  code: ItemFlagCode;
  /** The option the flag is about, for distractor flags. */
  option: number | null;
  reason: string;
}

/** The stated rules, shown on the analysis page beside the flags. */
export const flagRules = {
  tooHard: 0.2,
  tooEasy: 0.95,
  lowItemRest: 0.15,
  unusedDistractor: 0.02,
} as const;

const letter = (index: number) => String.fromCharCode(65 + index);
const fixed = (x: number) => x.toFixed(2);

/** Flags for one item's figures; an item may carry several. */
export function flagItem(item: Omit<ItemFigures, 'flags'>): ItemFlag[] {
  const flags: ItemFlag[] = [];
  const add = (code: ItemFlagCode, reason: string, option: number | null = null) =>
    flags.push({ code, option, reason });
  if (item.p < flagRules.tooHard) {
    add(
      'TOO_HARD',
      `Only ${Math.round(item.p * 100)}% answered correctly (p = ${fixed(item.p)}, below ${flagRules.tooHard}): check the key and the wording.`,
    );
  }
  if (item.p > flagRules.tooEasy) {
    add(
      'TOO_EASY',
      `${Math.round(item.p * 100)}% answered correctly (p = ${fixed(item.p)}, above ${flagRules.tooEasy}): the item tells candidates apart very little.`,
    );
  }
  const negative =
    (item.itemRest !== null && item.itemRest < 0) ||
    (item.discrimination !== null && item.discrimination < 0);
  if (negative) {
    add(
      'NEGATIVE_DISCRIMINATION',
      `Candidates with lower scores on the rest of the form answered it correctly more often (item–rest r = ${item.itemRest === null ? 'n/a' : fixed(item.itemRest)}, upper–lower D = ${item.discrimination === null ? 'n/a' : fixed(item.discrimination)}): the key may be wrong or the item ambiguous.`,
    );
  } else if (item.itemRest !== null && item.itemRest < flagRules.lowItemRest) {
    add(
      'LOW_DISCRIMINATION',
      `The item agrees weakly with the rest of the form (item–rest r = ${fixed(item.itemRest)}, below ${flagRules.lowItemRest}).`,
    );
  }
  const key = item.options.find((o) => o.isKey);
  for (const option of item.options) {
    if (option.isKey) continue;
    // Without upper and lower groups (a single candidate) the group rules cannot be judged.
    const { upper, lower } = option;
    if (upper !== null && key?.upper != null && upper > key.upper) {
      add(
        'DISTRACTOR_BEATS_KEY_UPPER',
        `In the upper group more candidates chose ${letter(option.index)} (${Math.round(upper * 100)}%) than the key ${letter(key.index)} (${Math.round(key.upper * 100)}%): check whether ${letter(option.index)} is also defensible.`,
        option.index,
      );
    } else if (
      upper !== null &&
      lower !== null &&
      upper > lower &&
      option.optionRest !== null &&
      option.optionRest > 0
    ) {
      add(
        'DISTRACTOR_ATTRACTS_UPPER',
        `Distractor ${letter(option.index)} was chosen more by the upper group (${Math.round(upper * 100)}%) than the lower group (${Math.round(lower * 100)}%).`,
        option.index,
      );
    }
    if (option.proportion < flagRules.unusedDistractor) {
      add(
        'DISTRACTOR_UNUSED',
        `Almost nobody chose distractor ${letter(option.index)} (${(option.proportion * 100).toFixed(1)}%, below ${flagRules.unusedDistractor * 100}%): it does not distract.`,
        option.index,
      );
    }
  }
  return flags;
}
