import type { Question } from '@exam/shared/protocol';
import type { DeliverableItem } from './attempt-context.js';
import { itemOptionOrder } from './option-order.js';

/**
 * A Part One form as the welcome carries it, built once per form and shared by every attempt
 * on it. A form id names an immutable version: its items are pinned item versions written once
 * when the form is assembled, so nothing invalidates a payload; a sitting that switches to
 * another form hands new attempts another form id, and with it another payload.
 */
export interface FormPayload {
  readonly items: readonly DeliverableItem[];
  /** The questions with options in the order `seed` gives (attempt-context.ts presentQuestions). */
  questions(seed: number): Question[];
  /**
   * The same questions as JSON, exactly as JSON.stringify would write `questions(seed)`: each
   * stem and option was serialized once for the form, so a candidate's copy is only joined in
   * their option order (the start-spike profile in bench/README.md).
   */
  questionsJson(seed: number): string;
}

export function buildFormPayload(items: readonly DeliverableItem[]): FormPayload {
  const frozen = Object.freeze(items.map((item) => Object.freeze({ ...item })));
  const prepared = frozen.map((item) => ({
    head: `{"position":${JSON.stringify(item.position)},"stem":${JSON.stringify(item.stem)},"options":[`,
    options: item.options.map((option) => JSON.stringify(option ?? '')),
  }));
  return Object.freeze({
    items: frozen,
    questions(seed: number): Question[] {
      return frozen.map((item) => {
        const order = itemOptionOrder(seed, item);
        return {
          position: item.position,
          stem: item.stem,
          options: order.map((original) => item.options[original] ?? ''),
        };
      });
    },
    questionsJson(seed: number): string {
      const parts: string[] = [];
      frozen.forEach((item, i) => {
        const { head, options } = prepared[i] as (typeof prepared)[number];
        const order = itemOptionOrder(seed, item);
        parts.push(`${head}${order.map((original) => options[original] ?? '""').join(',')}]}`);
      });
      return `[${parts.join(',')}]`;
    },
  });
}
