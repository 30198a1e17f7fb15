import { existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/**
 * Backup and restore of the embedded database (PGlite). PGlite's `dumpDataDir` writes the whole
 * data directory as one gzipped tarball, which `loadDataDir` unpacks into a fresh directory. The
 * tarball holds every file in DATA_DIR, so the audit signing key kept there
 * (audit-signing-key.pem) travels with it.
 *
 * Both need the server stopped: PGlite is one process's database, and a second one opening the
 * same directory would write over the server's pages. An open PGlite keeps `postmaster.pid` in
 * its directory (removed on a clean close), so its presence means the server is running or was
 * killed; after a kill, start and stop the server once (recovery) or pass `force`.
 */
export class EmbeddedBackupError extends Error {}

const LOCK_FILE = 'postmaster.pid';

function refuseWhileOpen(dataDir: string, force: boolean): void {
  if (force || !existsSync(path.join(dataDir, LOCK_FILE))) return;
  throw new EmbeddedBackupError(
    `${dataDir} is in use (${LOCK_FILE} is present): stop the server first. If it was killed ` +
      'rather than stopped, start and stop it once so the database recovers, or pass --force.',
  );
}

const hasFiles = (dir: string) => existsSync(dir) && readdirSync(dir).length > 0;

/** Writes DATA_DIR as a gzipped tarball to `file`; returns its size in bytes. */
export async function backupEmbedded(
  dataDir: string,
  file: string,
  options: { force?: boolean } = {},
): Promise<number> {
  if (!hasFiles(dataDir)) throw new EmbeddedBackupError(`${dataDir} holds no database to back up`);
  refuseWhileOpen(dataDir, options.force ?? false);
  const client = new PGlite(dataDir);
  try {
    // A checkpoint first, so the tarball's pages are current rather than left to WAL replay.
    await client.exec('CHECKPOINT');
    const tarball = await client.dumpDataDir('gzip');
    const bytes = Buffer.from(await tarball.arrayBuffer());
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    await writeFile(file, bytes);
    return bytes.length;
  } finally {
    await client.close();
  }
}

/**
 * Unpacks a backup into DATA_DIR. What DATA_DIR held is moved aside to `<DATA_DIR>.before-restore-
 * <time>`, never deleted, so a restore from the wrong file can be undone by hand. Returns that
 * path, if anything was moved.
 */
export async function restoreEmbedded(
  dataDir: string,
  file: string,
  options: { force?: boolean; now?: Date } = {},
): Promise<string | undefined> {
  if (!existsSync(file)) throw new EmbeddedBackupError(`no backup at ${file}`);
  let movedAside: string | undefined;
  if (hasFiles(dataDir)) {
    refuseWhileOpen(dataDir, options.force ?? false);
    const stamp = (options.now ?? new Date()).toISOString().replace(/[:.]/g, '-');
    movedAside = `${path.resolve(dataDir)}.before-restore-${stamp}`;
    renameSync(dataDir, movedAside);
  }
  mkdirSync(dataDir, { recursive: true });
  const tarball = new Blob([await readFile(file)], { type: 'application/x-gzip' });
  const client = new PGlite(dataDir, { loadDataDir: tarball });
  try {
    // Proves the restored directory opens as a database before we say it worked.
    await client.query('SELECT 1');
  } finally {
    await client.close();
  }
  return movedAside;
}
