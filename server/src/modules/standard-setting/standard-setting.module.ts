import type { FastifyInstance } from 'fastify';
import type { UsersService } from '../auth/index.js';
import type { AppModule } from '../module.js';
import { createPanelService } from './panel.service.js';
import { standardSettingRoutes } from './standard-setting.routes.js';
import {
  createStandardSettingService,
  type StandardSettingDeps,
} from './standard-setting.service.js';

export type StandardSettingModule = ReturnType<typeof createStandardSettingModule>;

/** Standard setting (modified Angoff), wired: coordinators' studies and panelists' ratings. */
export function createStandardSettingModule(
  deps: StandardSettingDeps & { users: Pick<UsersService, 'findByIds' | 'list'> },
) {
  const studies = createStandardSettingService(deps);
  const panel = createPanelService(deps);
  return {
    studies,
    panel,
    routes: async (app: FastifyInstance) => {
      await app.register(standardSettingRoutes({ studies, panel, users: deps.users }));
    },
  } satisfies AppModule & Record<string, unknown>;
}
