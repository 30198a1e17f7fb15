import type { PartClock, Welcome } from '@exam/shared/protocol';
import type { Db } from '../../db/client.js';
import type { CandidateSeat, SittingsService } from '../sittings/index.js';
import { presentQuestions, type AttemptContext } from './attempt-context.js';
import * as deliveryRepo from './delivery.repo.js';
import type { CandidateTools } from './candidate-tools.service.js';
import type { LateChanges } from './late-changes.service.js';
import type { PartTwo } from './part-two.service.js';

/**
 * The state a (re)connecting client needs: questions without keys, stored answers, clocks, and
 * once Part One is closed, Part Two's set with the stored responses.
 */
export function createWelcome(deps: {
  db: Db;
  sittings: Pick<SittingsService, 'seatByEnrolment'>;
  partTwo: Pick<PartTwo, 'state'>;
  lateChanges: Pick<LateChanges, 'statusFor'>;
  tools: Pick<CandidateTools, 'restore'>;
  clockOf(context: AttemptContext, part: 1 | 2): PartClock;
}) {
  /** `known`: the seat the caller read a moment ago for this attempt (hello), else it is read. */
  async function state(
    context: AttemptContext,
    known?: CandidateSeat,
  ): Promise<Omit<Welcome['attempt'], 'questions'>> {
    const seat =
      known?.enrolmentId === context.enrolmentId
        ? known
        : await deps.sittings.seatByEnrolment(context.enrolmentId);
    const partOneOpen = !context.parts.get(1)?.row.closedAt;
    const [answers, maxSeq, partTwoState, lateChanges, tools] = await Promise.all([
      deliveryRepo.loadAnswers(deps.db, context.attemptId),
      deliveryRepo.maxSeq(deps.db, context.attemptId),
      partOneOpen ? Promise.resolve(null) : deps.partTwo.state(context),
      deps.lateChanges.statusFor(context.attemptId),
      deps.tools.restore(context.attemptId),
    ]);
    return {
      attemptId: context.attemptId,
      sittingName: context.sittingName,
      parts: [deps.clockOf(context, 1), deps.clockOf(context, 2)],
      answers: answers.map((a) => ({
        position: a.position,
        choice: a.choice,
        flagged: a.flagged,
        seq: a.seq,
      })),
      maxSeq,
      admitted: seat?.admitted ?? false,
      partTwo: partTwoState,
      partTwoProblem: context.partTwoProblem,
      display: seat?.support ?? { largeText: false, highContrast: false, breaks: false },
      lateChanges,
      tools: tools.tools,
      displayPreference: tools.displayPreference,
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
    async frame(context: AttemptContext, known?: CandidateSeat) {
      return {
        attempt: await state(context, known),
        questionsJson: context.form.questionsJson(context.optionSeed),
      };
    },
  };
}
