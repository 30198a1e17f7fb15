import type { GradingAppeals } from '../grading/index.js';
import type { AppModule } from '../module.js';
import { appealsRoutes } from './appeals.routes.js';
import { createAppealsService, type AppealsDeps } from './appeals.service.js';
import { createAppealsViews } from './appeals.views.js';
import { notifyAppealOutcome } from './notify.js';
import { createReviewAssignment } from './review-assignment.js';

export type AppealsModule = ReturnType<typeof createAppealsModule>;

/**
 * Appeals, wired: it reads and revises released results through results' appeals adapter,
 * sends Part Two responses to review through grading's, and scores Part One again with
 * delivery's rescoring. `notify` defaults to notifyAppealOutcome (notify.ts), the mail hook.
 * Started, it asks grading to retry waiting reviews after every change to the grader pool.
 */
export function createAppealsModule(
  deps: Omit<AppealsDeps, 'notify'> &
    Parameters<typeof createAppealsViews>[0] & {
      notify?: AppealsDeps['notify'];
      grading: Pick<GradingAppeals, 'awaitingReview' | 'onPoolChanged'>;
    },
) {
  const appeals = createAppealsService({ ...deps, notify: deps.notify ?? notifyAppealOutcome });
  const views = createAppealsViews(deps);
  const reviewers = createReviewAssignment(deps);
  let unsubscribe: (() => void) | undefined;
  return {
    appeals,
    views,
    reviewers,
    routes: async (app) => {
      await app.register(appealsRoutes({ appeals, views, reviewers }));
    },
    async start(): Promise<void> {
      unsubscribe ??= deps.grading.onPoolChanged(() => reviewers.assignWaiting());
    },
    async stop(): Promise<void> {
      unsubscribe?.();
      unsubscribe = undefined;
    },
  } satisfies AppModule & Record<string, unknown>;
}
