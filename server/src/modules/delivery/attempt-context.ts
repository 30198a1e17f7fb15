import { computeClock, type ClockEvent } from '@exam/shared/domain';
import type { PartClock, PartStatus, PartTwoPolicies, Question } from '@exam/shared/protocol';
import type { AttemptPartRow, ClockEventRow } from './delivery.repo.js';
import type { FormPayload } from './form-payload.js';
import type { OptionLayout } from './option-order.js';

/**
 * A form item as the bank hands it to delivery; the key stays on the server. Its layout (shuffle,
 * fixed options) decides each candidate's option order with the attempt's seed.
 */
export interface DeliverableItem extends OptionLayout {
  position: number;
  stem: string;
  options: readonly string[];
  keyIndex: number;
  domain: string;
}

export interface FormItemSource {
  formItems(formId: string): Promise<DeliverableItem[]>;
}

export interface PartState {
  row: AttemptPartRow;
  events: ClockEvent[];
  /** Why the clock last changed (the newest ledger entry's reason), for screens told of it later. */
  lastReason?: string | null;
}

/** Everything the server keeps in memory about an attempt a candidate is connected to. */
export interface AttemptContext {
  attemptId: string;
  candidateId: string;
  enrolmentId: string;
  /** The sitting: events about this attempt are coalesced with the sitting's others. */
  sittingId: string;
  sittingName: string;
  cutScore: number;
  optionSeed: number;
  items: readonly DeliverableItem[];
  /** The form as the welcome carries it, built once per form (form-payload.ts). */
  form: FormPayload;
  parts: Map<number, PartState>;
  /** The Part Two set, or null with the reason in partTwoProblem. */
  vignetteSetId: string | null;
  partTwoProblem: string | null;
  policies: PartTwoPolicies;
  /**
   * The part versions the candidate's screen was last told of (a clock change, a closing). A
   * copy reread for a save's sake is newer than this; the screen still has to hear of it.
   */
  heard?: Map<number, number>;
}

/** The clock's inputs among the ledger rows; an `end` entry records a termination, not time. */
export function toClockEvents(rows: readonly ClockEventRow[]): ClockEvent[] {
  return rows.flatMap((row): ClockEvent[] => {
    const at = row.at.getTime();
    switch (row.type) {
      case 'start':
      case 'pause':
      case 'resume':
        return [{ type: row.type, at }];
      case 'accommodation':
        return [{ type: 'accommodation', at, ms: row.ms ?? 0 }];
      case 'end':
        return [];
      default:
        return [{ type: 'extend', at, ms: row.ms ?? 0 }];
    }
  });
}

export function partClock(state: PartState, now: number): PartClock {
  const { row } = state;
  const clock = computeClock(
    state.events,
    row.baseLimitMs,
    { timeMultiplier: row.timeMultiplier, extraMinutes: row.extraMinutes },
    now,
  );
  const status: PartStatus = (row.closedStatus as PartStatus | null) ?? clock.status;
  const open = row.closedStatus === null;
  return {
    part: row.part === 2 ? 2 : 1,
    status,
    deadline: open ? clock.deadline : null,
    remainingMs: open ? clock.remainingMs : 0,
    allowedMs: clock.allowedMs,
    // The loader closes a part not sat with this reason; the screen says so rather than "closed".
    ...(row.closedReason?.startsWith('not sat:') ? { notSat: true } : {}),
  };
}

/** The questions as this candidate sees them: options in their recorded order, no key. */
export function presentQuestions(context: AttemptContext): Question[] {
  return context.form.questions(context.optionSeed);
}
