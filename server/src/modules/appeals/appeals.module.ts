import type { AppModule } from '../module.js';
import { appealsRoutes } from './appeals.routes.js';
import { createAppealsService, type AppealsDeps } from './appeals.service.js';
import { createAppealsViews } from './appeals.views.js';
import { notifyAppealOutcome } from './notify.js';

export type AppealsModule = ReturnType<typeof createAppealsModule>;

/**
 * Appeals, wired: it reads and revises released results through results' appeals adapter,
 * sends Part Two responses to review through grading's, and scores Part One again with
 * delivery's rescoring. `notify` defaults to notifyAppealOutcome (notify.ts), the mail hook.
 */
export function createAppealsModule(
  deps: Omit<AppealsDeps, 'notify'> &
    Parameters<typeof createAppealsViews>[0] & { notify?: AppealsDeps['notify'] },
) {
  const appeals = createAppealsService({ ...deps, notify: deps.notify ?? notifyAppealOutcome });
  const views = createAppealsViews(deps);
  return {
    appeals,
    views,
    routes: async (app) => {
      await app.register(appealsRoutes({ appeals, views }));
    },
  } satisfies AppModule & Record<string, unknown>;
}
