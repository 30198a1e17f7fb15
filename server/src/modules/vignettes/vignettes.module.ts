import type { Db } from '../../db/client.js';
import type { AuditService } from '../audit/index.js';
import type { AppModule } from '../module.js';
import { createVignetteAuthoring, type VignetteSetUsage } from './vignette-authoring.service.js';
import { vignetteSetRoutes } from './vignettes.routes.js';
import { createVignettesService } from './vignettes.service.js';

/**
 * Part Two's vignette sets: which one a candidate answers, and the coordinator's authoring.
 * `usage` is sittings' adapter (which sets are shown or scheduled), built once in app.ts:
 * sittings itself depends on this module, so it cannot be handed the sittings service.
 */
export function createVignettesModule(deps: {
  db: Db;
  audit: Pick<AuditService, 'append'>;
  usage: VignetteSetUsage;
}) {
  const vignettes = createVignettesService(deps);
  const authoring = createVignetteAuthoring(deps);
  return {
    vignettes,
    routes: vignetteSetRoutes({ authoring }),
  } satisfies AppModule & Record<string, unknown>;
}
