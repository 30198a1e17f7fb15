import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import type { UsersService } from '../auth/index.js';
import type { BankService } from '../bank/index.js';
import { createPanelService } from './panel.service.js';
import { standardSettingRoutes } from './standard-setting.routes.js';
import { createStandardSettingService } from './standard-setting.service.js';

export type StandardSettingModule = ReturnType<typeof createStandardSettingModule>;

/** Standard setting (modified Angoff), wired: coordinators' studies and panelists' ratings. */
export function createStandardSettingModule(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  users: Pick<UsersService, 'findByIds' | 'list'>;
  forms: Pick<BankService, 'getForm' | 'formItems' | 'setFormCut'>;
}) {
  const studies = createStandardSettingService(deps);
  const panel = createPanelService(deps);
  return {
    studies,
    panel,
    routes: async (app: FastifyInstance) => {
      await app.register(standardSettingRoutes({ studies, panel, users: deps.users }));
    },
  };
}
