import type { AttemptResponses, AttemptResponseSummary } from '@exam/shared/api';
import type { Scope } from '../../db/association-scope.js';
import type { Db } from '../../db/client.js';
import { isWithinScope } from '../../db/scope-filters.js';
import { AppError } from '../../lib/app-error.js';
import type { UsersService } from '../auth/index.js';
import type { SittingsService } from '../sittings/index.js';
import type { VignettesService } from '../vignettes/index.js';
import { partStatusOf } from './attempt-status.js';
import * as deliveryRepo from './delivery.repo.js';
import * as partTwoRepo from './part-two.repo.js';

export type ResponseOverviewService = ReturnType<typeof createResponseOverview>;

/**
 * A candidate's Part Two responses at a glance, for the coordinator who reaches them from the
 * sitting's roster: each vignette of their set by number and title (never its rubric), whether
 * they chose it, and what is stored. The text itself is on the history page.
 */
export function createResponseOverview(deps: {
  db: Db;
  seats: Pick<SittingsService, 'seatByEnrolment'>;
  users: Pick<UsersService, 'findByIds'>;
  vignettes: Pick<VignettesService, 'getSet'>;
}) {
  const { db } = deps;
  return {
    /** Another association's attempt answers NOT_FOUND exactly like a missing one. */
    async overview(scope: Scope, attemptId: string): Promise<AttemptResponses> {
      const within = await isWithinScope(db, scope, 'attempt', attemptId);
      const attempt = within ? await deliveryRepo.findAttempt(db, attemptId) : undefined;
      if (!attempt) throw new AppError('NOT_FOUND', 'No such attempt.', 404);
      const seat = await deps.seats.seatByEnrolment(attempt.enrolmentId);
      if (!seat) throw new AppError('NOT_FOUND', 'No such attempt.', 404);
      const [candidate] = await deps.users.findByIds(db, [attempt.candidateId]);
      const set = attempt.vignetteSetId ? await deps.vignettes.getSet(attempt.vignetteSetId) : null;
      const stored = new Map(
        (await partTwoRepo.loadCurrentResponses(db, attemptId)).map((r) => [r.vignette, r]),
      );
      const chosen = (await partTwoRepo.loadChoice(db, attemptId))?.chosen ?? [];
      const versions = await partTwoRepo.countSnapshots(db, attemptId);
      const partTwo = (await deliveryRepo.loadParts(db, attemptId)).find((p) => p.part === 2);

      const titles = new Map((set?.vignettes ?? []).map((v) => [v.position, v.title]));
      // A response stored for a vignette no longer in the set is still shown, by number.
      const numbers = [...new Set([...titles.keys(), ...stored.keys()])].sort((a, b) => a - b);
      const responses = numbers.map((vignette): AttemptResponseSummary => {
        const row = stored.get(vignette);
        return {
          vignette,
          title: titles.get(vignette) ?? `Vignette ${vignette}`,
          chosen: chosen.includes(vignette),
          words: row?.words ?? null,
          revision: row?.revision ?? null,
          savedAt: row?.updatedAt.toISOString() ?? null,
          versions: versions.get(vignette) ?? 0,
        };
      });
      return {
        attemptId,
        sittingId: seat.sittingId,
        sittingName: seat.sittingName,
        timeZone: seat.timeZone,
        candidateName: candidate?.displayName ?? '',
        partTwoStatus: partTwo ? partStatusOf(partTwo) : 'not-started',
        setTitle: set?.title ?? null,
        responses,
      };
    },
  };
}
