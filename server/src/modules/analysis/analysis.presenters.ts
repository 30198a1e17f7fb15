import type { AnalysisScope, ItemAnalysisResponse } from '@exam/shared/api';
import { flagRules } from './item-flags.compute.js';
import type { ItemAnalysis } from './item-analysis.compute.js';
import type { OptionCurve } from './option-curves.compute.js';

const letter = (index: number) => String.fromCharCode(65 + index);

/** The stated flag rules, in the words the page shows. */
export const flagRuleTexts = [
  `Too hard: p below ${flagRules.tooHard}.`,
  `Too easy: p above ${flagRules.tooEasy}.`,
  `Weak discrimination: item–rest r below ${flagRules.lowItemRest}.`,
  'Negative discrimination: item–rest r or upper–lower D below 0.',
  'Distractor beats the key: more of the upper 27% chose a distractor than the key.',
  'Distractor attracts the upper group: chosen more by the upper 27% than the lower 27%, with a positive option–rest r.',
  `Unused distractor: chosen by fewer than ${flagRules.unusedDistractor * 100}% of candidates.`,
];

/** Maps the computed figures to the API type; options become letters A–D in authored order. */
export function presentAnalysis(input: {
  scope: AnalysisScope;
  computedAt: Date;
  /** The newest automatic run (after a Part One closed), if any. */
  automatic: { computedAt: Date; flaggedItems: number } | null;
  items: {
    position: number;
    itemId: string;
    itemVersionId: string;
    version: number;
    correction: 'rekey' | 'void' | null;
  }[];
  analysis: ItemAnalysis;
  curves: OptionCurve[];
}): ItemAnalysisResponse {
  const { analysis } = input;
  return {
    scope: input.scope,
    computedAt: input.computedAt.toISOString(),
    automatic: input.automatic && {
      computedAt: input.automatic.computedAt.toISOString(),
      flaggedItems: input.automatic.flaggedItems,
    },
    test: analysis.test,
    groupSize: analysis.groupSize,
    domains: analysis.domains,
    items: analysis.items.map((figures, i) => {
      const item = input.items[i]!;
      return {
        position: item.position,
        itemId: item.itemId,
        itemVersionId: item.itemVersionId,
        version: item.version,
        correction: item.correction,
        domain: figures.domain,
        p: figures.p,
        itemRest: figures.itemRest,
        upperP: figures.upperP,
        lowerP: figures.lowerP,
        discrimination: figures.discrimination,
        omitRate: figures.omitRate,
        alphaIfDeleted: figures.alphaIfDeleted,
        meanSeconds: null,
        options: figures.options.map((o) => ({
          label: letter(o.index),
          isKey: o.isKey,
          proportion: o.proportion,
          upper: o.upper,
          lower: o.lower,
          optionRest: o.optionRest,
        })),
        flags: figures.flags.map((f) => ({
          code: f.code,
          option: f.option === null ? null : letter(f.option),
          reason: f.reason,
        })),
      };
    }),
    optionCurves: input.curves.map((curve) => ({
      position: input.items[curve.index]!.position,
      groups: curve.groups,
    })),
    rules: flagRuleTexts,
  };
}
