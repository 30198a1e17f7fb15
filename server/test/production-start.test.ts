import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows } from '../src/db/client.js';

/**
 * The real `server.ts`, started as `npm start` starts it, with NODE_ENV=production on an empty
 * embedded database: it must seed nothing and print a setup link, never demo logins.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'production-start-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts the server; stops it (SIGTERM) just after stdout shows `until`, or waits for it to exit. */
function startServer(env: Record<string, string>, until?: RegExp): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/server.ts'], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        DATA_DIR: dataDir,
        PORT: '0',
        LOG_LEVEL: 'silent',
        CLIENT_DIST: join(dataDir, 'no-client'),
        SWEEPER_INTERVAL_MS: '0',
        ...env,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      // A moment's grace, so whatever start-up prints after `until` is read too.
      if (until?.test(stdout)) setTimeout(() => child.kill('SIGTERM'), 500);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs `npm run admin:create`'s script on the same database, with the account in ADMIN_*. */
function adminCreate(account: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'server/src/modules/setup/admin-create-cli.ts'],
      {
        cwd: root,
        env: {
          PATH: process.env.PATH ?? '',
          NODE_ENV: 'production',
          DATA_DIR: dataDir,
          ...account,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm start with NODE_ENV=production', () => {
  it('refuses SEED_DEMO=true before touching the database', async () => {
    const run = await startServer({ SEED_DEMO: 'true' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/SEED_DEMO/);
    expect(run.stdout).not.toContain('is up');
  }, 60_000);

  it('on an empty database seeds nothing and prints a one-time setup link', async () => {
    const run = await startServer({}, /npm run admin:create/);
    expect(run.stdout).toContain('Endorsement exam platform is up');
    expect(run.stdout).toMatch(/\/setup#token=[\w-]{43}\n/);
    expect(run.stdout).not.toMatch(/demo/i);
    expect(run.stdout).not.toContain('demo-password-2026');

    const database = openDatabase({ dataDir });
    try {
      const counts = await queryRows<{ people: number; items: number; sittings: number }>(
        database.db,
        sql`SELECT (SELECT count(*)::int FROM users) AS people,
                   (SELECT count(*)::int FROM bank_items) AS items,
                   (SELECT count(*)::int FROM sittings) AS sittings`,
      );
      expect(counts[0]).toEqual({ people: 0, items: 0, sittings: 0 });
    } finally {
      await database.close();
    }
  }, 120_000);

  it('admin:create makes the administrator (refusing a weak password, then a taken email); the next start prints no link', async () => {
    const account = { ADMIN_EMAIL: 'head@centre.example', ADMIN_NAME: 'Grace Head' };
    const weak = await adminCreate({ ...account, ADMIN_PASSWORD: 'letmein-please' });
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/No administrator created: .*letmein/);

    const made = await adminCreate({ ...account, ADMIN_PASSWORD: 'kettle-lantern-orbit-47' });
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toContain('Administrator created: head@centre.example');

    const again = await adminCreate({ ...account, ADMIN_PASSWORD: 'another-strong-phrase-91' });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);

    const run = await startServer({}, /is up/);
    expect(run.stdout).toContain('Endorsement exam platform is up');
    expect(run.stdout).not.toContain('setup#token=');
    expect(run.stdout).not.toContain('No administrator');
  }, 180_000);
});
