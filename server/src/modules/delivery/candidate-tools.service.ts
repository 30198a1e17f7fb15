import {
  MAX_HIGHLIGHTS,
  NOTE_MAX_CHARS,
  type DisplaySet,
  type ItemTools,
  type PartClock,
  type ToolsSave,
} from '@exam/shared/protocol';
import type { ErrorCode } from '@exam/shared/errors';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { AttemptContext } from './attempt-context.js';
import * as toolsRepo from './candidate-tools.repo.js';

export type ToolsResult = { ok: true } | { ok: false; code: ErrorCode; message: string };

const refused = (code: ErrorCode, message: string): ToolsResult => ({ ok: false, code, message });

/**
 * The candidate's tools (struck options, highlights, notes) and display preference. A tool
 * change is taken while its part runs, up to the deadline and grace like an answer; after that it
 * is refused (PART_CLOSED), not held: a note or a highlight is not an answer a proctor decides.
 * Acknowledged only once committed. Nothing here is ever shown to graders.
 */
export function createCandidateTools(deps: {
  db: Db;
  clock: Clock;
  graceMs: number;
  clockOf(context: AttemptContext, part: 1 | 2): PartClock;
}) {
  /** Whether the item and its highlights and struck options exist, and the caps hold. */
  function problem(context: AttemptContext, tools: ItemTools): ToolsResult | undefined {
    if (tools.note.length > NOTE_MAX_CHARS)
      return refused(
        'NOTE_TOO_LONG',
        `Notes are limited to ${NOTE_MAX_CHARS.toLocaleString('en')} characters; this note was not saved.`,
      );
    if (tools.highlights.length > MAX_HIGHLIGHTS)
      return refused(
        'TOO_MANY_HIGHLIGHTS',
        `At most ${MAX_HIGHLIGHTS} highlights are kept per item; remove some first.`,
      );
    if (tools.highlights.some((h) => h.end <= h.start))
      return refused('TOOLS_INVALID', 'A highlight must cover at least one character.');
    if (tools.target === 'question') {
      const item = context.items.find((i) => i.position === tools.position);
      if (!item) return refused('UNKNOWN_QUESTION', 'That question is not on your form.');
      if (tools.highlights.some((h) => h.field !== 'stem' || h.end > item.stem.length))
        return refused('TOOLS_INVALID', 'A highlight lies outside the question’s text.');
      if (new Set(tools.struck).size !== tools.struck.length)
        return refused('TOOLS_INVALID', 'An option is struck out twice.');
      return undefined;
    }
    if (tools.struck.length > 0)
      return refused('TOOLS_INVALID', 'A vignette has no options to strike out.');
    if (tools.highlights.some((h) => h.field === 'stem'))
      return refused('TOOLS_INVALID', 'A vignette’s highlights lie in its case text.');
    return undefined;
  }

  /** The part's clock decides like an answer's: running, and not past the deadline and grace. */
  function clockProblem(clock: PartClock): ToolsResult | undefined {
    if (clock.status === 'not-started')
      return refused('PART_NOT_STARTED', 'This part has not started.');
    if (clock.status === 'paused')
      return refused('PART_PAUSED', 'The exam is paused; your change is kept and sent again.');
    const now = deps.clock.now().getTime();
    if (
      clock.status !== 'running' ||
      (clock.deadline !== null && now > clock.deadline + deps.graceMs)
    )
      return refused('PART_CLOSED', 'Time is up for this part; that change was not saved.');
    return undefined;
  }

  return {
    async save(context: AttemptContext, message: ToolsSave): Promise<ToolsResult> {
      const { type: _type, madeAt: _madeAt, ...tools } = message;
      const found = problem(context, tools);
      if (found) return found;
      const part = tools.target === 'question' ? 1 : 2;
      const late = clockProblem(deps.clockOf(context, part));
      if (late) return late;
      const outcome = await toolsRepo.storeItemTools(
        deps.db,
        context.attemptId,
        part,
        tools,
        deps.clock.now(),
      );
      if (outcome === 'closed')
        return refused('PART_CLOSED', 'Time is up for this part; that change was not saved.');
      return { ok: true };
    },

    /** Taken until the attempt is over: the lobby and both parts are read with it. */
    async setDisplay(context: AttemptContext, message: DisplaySet): Promise<ToolsResult> {
      const partTwo = context.parts.get(2)?.row;
      const partOne = context.parts.get(1)?.row;
      if ((partTwo ?? partOne)?.closedStatus)
        return refused('PART_CLOSED', 'The exam is over; the display setting was not saved.');
      const { revision, largeText, highContrast } = message;
      await toolsRepo.storeDisplayPreference(
        deps.db,
        context.attemptId,
        { revision, largeText, highContrast },
        deps.clock.now(),
      );
      return { ok: true };
    },
  };
}

export type CandidateTools = ReturnType<typeof createCandidateTools>;
