import type { PartClock, Welcome } from '@exam/shared/protocol';
import type { Database } from '../../db/client.js';
import type { CandidateSeat, SittingsService } from '../sittings/index.js';
import { presentQuestions, type AttemptContext } from './attempt-context.js';
import type { PartTwo } from './part-two.service.js';
import { NOTHING_STORED, readWelcomeState } from './welcome-reads.repo.js';

/**
 * The state a (re)connecting client needs: questions without keys, stored answers, clocks, and
 * once Part One is closed, Part Two's set with the stored responses.
 */
export function createWelcome(deps: {
  database: Pick<Database, 'raw'>;
  sittings: Pick<SittingsService, 'seatByEnrolment'>;
  partTwo: Pick<PartTwo, 'state'>;
  clockOf(context: AttemptContext, part: 1 | 2): PartClock;
}) {
  /**
   * `known`: the seat the caller read a moment ago for this attempt (hello), else it is read.
   * `created`: the caller created the attempt a moment ago, so there are no answers, tools or
   * late changes to read (when a sitting opens, that read was one round trip per candidate).
   */
  async function state(
    context: AttemptContext,
    known?: CandidateSeat,
    created = false,
  ): Promise<Omit<Welcome['attempt'], 'questions'>> {
    const seat =
      known?.enrolmentId === context.enrolmentId
        ? known
        : await deps.sittings.seatByEnrolment(context.enrolmentId);
    const partOneOpen = !context.parts.get(1)?.row.closedAt;
    const [stored, partTwoState] = await Promise.all([
      created ? NOTHING_STORED : readWelcomeState(deps.database, context.attemptId),
      partOneOpen ? Promise.resolve(null) : deps.partTwo.state(context),
    ]);
    return {
      attemptId: context.attemptId,
      sittingName: context.sittingName,
      parts: [deps.clockOf(context, 1), deps.clockOf(context, 2)],
      answers: stored.answers,
      maxSeq: stored.maxSeq,
      admitted: seat?.admitted ?? false,
      partTwo: partTwoState,
      partTwoProblem: context.partTwoProblem,
      display: seat?.support ?? { largeText: false, highContrast: false, breaks: false },
      lateChanges: stored.lateChanges,
      tools: stored.tools,
      displayPreference: stored.displayPreference,
      roomPaused: Boolean(seat?.roomPausedSince),
    };
  }

  return {
    /** The welcome's attempt, questions included. */
    async snapshot(context: AttemptContext, known?: CandidateSeat): Promise<Welcome['attempt']> {
      return { ...(await state(context, known)), questions: presentQuestions(context) };
    },
    /**
     * The same for the socket: everything but the questions, and the questions as JSON text
     * joined from the form's payload (form-payload.ts), for SocketConnection.sendWithJson.
     */
    async frame(context: AttemptContext, known?: CandidateSeat, created = false) {
      return {
        attempt: await state(context, known, created),
        questionsJson: context.form.questionsJson(context.optionSeed),
      };
    },
  };
}
