import { readFileSync } from 'node:fs';
import path from 'node:path';
import { migrationsFolder, type Db } from '../../db/client.js';
import type { AppModule } from '../module.js';
import { healthRoutes } from './health.routes.js';

/** The migrations this build ships, read from drizzle's journal: readiness waits for them all. */
function countMigrations(): number {
  const journal = JSON.parse(
    readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8'),
  ) as { entries: unknown[] };
  return journal.entries.length;
}

/** Liveness and readiness probes for the orchestrator. */
export function createHealthModule(deps: { db: Db }): AppModule {
  return { routes: healthRoutes({ db: deps.db, expectedMigrations: countMigrations() }) };
}
