import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupEmbedded, EmbeddedBackupError, restoreEmbedded } from '../src/db/embedded-backup.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'embedded-backup-'));
});
afterAll(() => rm(work, { recursive: true, force: true }));

/**
 * An embedded database holding one marker row, and a key file beside its tables. No migrations:
 * backup and restore move the data directory whatever it holds, and migrating takes long.
 */
async function makeDatabase(dataDir: string, marker: string): Promise<void> {
  const client = new PGlite(dataDir);
  await client.exec('CREATE TABLE backup_marker (note text)');
  await client.query('INSERT INTO backup_marker VALUES ($1)', [marker]);
  await client.close();
  writeFileSync(join(dataDir, 'audit-signing-key.pem'), `key for ${marker}\n`);
}

async function markers(dataDir: string): Promise<string[]> {
  const client = new PGlite(dataDir);
  try {
    const { rows } = await client.query<{ note: string }>('SELECT note FROM backup_marker');
    return rows.map((row) => row.note).sort();
  } finally {
    await client.close();
  }
}

function cli(args: string[], env: Record<string, string>) {
  return spawnSync(
    process.execPath,
    ['--import', 'tsx', 'server/src/db/embedded-backup-cli.ts', ...args],
    { cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } },
  );
}

// PGlite starts slowly on a loaded machine; each test opens several.
describe('embedded database backup and restore', { timeout: 120_000 }, () => {
  it('restores the tables and the key file as they were at the backup, keeping what it replaced', async () => {
    const dataDir = join(work, 'data');
    const file = join(work, 'backups', 'first.tar.gz');
    await makeDatabase(dataDir, 'before the backup');
    expect(await backupEmbedded(dataDir, file)).toBeGreaterThan(0);

    const later = new PGlite(dataDir);
    await later.query("INSERT INTO backup_marker VALUES ('after the backup')");
    await later.close();
    writeFileSync(join(dataDir, 'audit-signing-key.pem'), 'a later key\n');

    const now = new Date('2026-12-05T01:00:00Z');
    const movedAside = await restoreEmbedded(dataDir, file, { now });
    expect(await markers(dataDir)).toEqual(['before the backup']);
    expect(readFileSync(join(dataDir, 'audit-signing-key.pem'), 'utf8')).toBe(
      'key for before the backup\n',
    );
    expect(movedAside).toBe(`${dataDir}.before-restore-2026-12-05T01-00-00-000Z`);
    expect(await markers(movedAside!)).toEqual(['after the backup', 'before the backup']);
  });

  it('refuses while the database is open in another process (the server)', async () => {
    const dataDir = join(work, 'busy');
    await makeDatabase(dataDir, 'busy');
    const server = new PGlite(dataDir);
    await server.query('SELECT 1');
    try {
      await expect(backupEmbedded(dataDir, join(work, 'busy.tar.gz'))).rejects.toThrow(
        EmbeddedBackupError,
      );
      writeFileSync(join(work, 'any.tar.gz'), 'not read: the refusal comes first');
      await expect(restoreEmbedded(dataDir, join(work, 'any.tar.gz'))).rejects.toThrow(
        /stop the server first/,
      );
    } finally {
      await server.close();
    }
    expect(existsSync(join(work, 'busy.tar.gz'))).toBe(false);
  });

  it('runs as npm run backup / restore, and sends PostgreSQL users to pg_dump', async () => {
    const dataDir = join(work, 'cli');
    const file = join(work, 'cli.tar.gz');
    await makeDatabase(dataDir, 'through the command');
    const backup = cli(['backup', file], { DATA_DIR: dataDir });
    expect(backup.status, backup.stderr).toBe(0);
    expect(backup.stdout).toContain(`Backed up ${dataDir} to ${file}`);

    const target = join(work, 'cli-restored');
    const restore = cli(['restore', file], { DATA_DIR: target });
    expect(restore.status, restore.stderr).toBe(0);
    expect(await markers(target)).toEqual(['through the command']);

    const postgres = cli(['backup'], { DATABASE_URL: 'postgres://u@127.0.0.1:1/x' });
    expect(postgres.status).toBe(1);
    expect(postgres.stderr).toMatch(/pg_dump/);
    const usage = cli(['restore'], { DATA_DIR: target });
    expect(usage.status).toBe(1);
    expect(usage.stderr).toMatch(/Usage: npm run backup/);
  });
});
