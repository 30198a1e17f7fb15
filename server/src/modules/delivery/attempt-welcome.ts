import type { PartClock, Welcome } from '@exam/shared/protocol';
import type { Db } from '../../db/client.js';
import type { SittingsService } from '../sittings/index.js';
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
  return async function welcome(context: AttemptContext): Promise<Welcome['attempt']> {
    const seat = await deps.sittings.seatByEnrolment(context.enrolmentId);
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
      questions: presentQuestions(context),
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
  };
}
