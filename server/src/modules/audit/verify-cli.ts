import { loadConfig } from '../../config.js';
import { openDatabase } from '../../db/client.js';
import { systemClock } from '../../lib/clock.js';
import { createAuditService } from './audit.service.js';

/** `npm run audit:verify`: walks the chain and reports the first broken link (exit 1). */
async function main(): Promise<number> {
  const config = loadConfig();
  const database = openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    const result = await createAuditService({ clock: systemClock }).verify(database.db);
    if (result.ok) {
      console.log(`Audit chain intact: ${result.entries} entries verified.`);
      return 0;
    }
    console.error(
      `Audit chain BROKEN at entry ${result.brokenAtId}: ${result.reason} (${result.entries} entries before it verified).`,
    );
    return 1;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('Audit verification failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
