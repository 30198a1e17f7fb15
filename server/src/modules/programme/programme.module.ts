import type { AppModule } from '../module.js';
import { programmeRoutes } from './programme.routes.js';
import { createProgrammeService } from './programme.service.js';

export type ProgrammeModule = ReturnType<typeof createProgrammeModule>;

/**
 * The programme's views across associations. It owns no tables: it reads sittings, results and
 * grading through the adapters app.ts builds, and associations through auth's service.
 */
export function createProgrammeModule(deps: Parameters<typeof createProgrammeService>[0]) {
  const programme = createProgrammeService(deps);
  return {
    programme,
    routes: async (app) => {
      await app.register(programmeRoutes({ programme }));
    },
  } satisfies AppModule & Record<string, unknown>;
}
