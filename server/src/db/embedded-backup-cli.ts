import { ConfigError, loadConfig } from '../config.js';
import { backupEmbedded, EmbeddedBackupError, restoreEmbedded } from './embedded-backup.js';

const USAGE =
  'Usage: npm run backup -- [FILE] [--force]   (default FILE: backups/exams-<time>.tar.gz)\n' +
  '       npm run restore -- FILE [--force]';

/**
 * `npm run backup` / `npm run restore`: the embedded database's data directory (DATA_DIR) to and
 * from one file, with the server stopped. PostgreSQL is backed up with pg_dump (see README).
 */
async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  const force = rest.includes('--force');
  const file = rest.find((arg) => !arg.startsWith('--'));
  const config = loadConfig();
  if (config.DATABASE_URL) {
    throw new EmbeddedBackupError(
      'DATABASE_URL is set: back PostgreSQL up with pg_dump and restore it with pg_restore (see README, "Backups").',
    );
  }
  if (command === 'backup') {
    const target = file ?? `backups/exams-${new Date().toISOString().replace(/[:.]/g, '-')}.tar.gz`;
    const bytes = await backupEmbedded(config.DATA_DIR, target, { force });
    console.log(`Backed up ${config.DATA_DIR} to ${target} (${bytes} bytes).`);
  } else if (command === 'restore' && file) {
    const movedAside = await restoreEmbedded(config.DATA_DIR, file, { force });
    console.log(`Restored ${file} into ${config.DATA_DIR}.`);
    if (movedAside) console.log(`What ${config.DATA_DIR} held before is kept in ${movedAside}.`);
  } else {
    throw new EmbeddedBackupError(USAGE);
  }
}

main().catch((error: unknown) => {
  const known = error instanceof EmbeddedBackupError || error instanceof ConfigError;
  console.error(known ? error.message : error);
  process.exit(1);
});
