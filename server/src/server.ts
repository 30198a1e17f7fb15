import { ConfigError, loadConfig, type AppConfig } from './config.js';
import { buildApp } from './app.js';
import { openDatabase, type Database } from './db/client.js';
import { findUnsafeDurabilitySettings } from './db/durability.js';
import { systemClock } from './lib/clock.js';
import { describeFirstStart, prepareFirstStart } from './first-start.js';
import { resolveSigningKey } from './modules/audit/index.js';
import { resolveTotpKey } from './modules/auth/index.js';

/** Connections the kernel may queue before the server accepts them (see listen below). */
const LISTEN_BACKLOG = 4096;

const EMBEDDED_WARNING =
  'Running on the embedded PGlite database: for trying the platform and practice sittings only, ' +
  'NOT for a live high-stakes sitting (PGlite does not flush to disk). Set DATABASE_URL to use PostgreSQL.';

const SHUTDOWN_LIMIT_MS = 20_000;

async function prepareDatabase(config: AppConfig): Promise<Database> {
  const database = openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  if (database.pool) {
    const unsafe = await findUnsafeDurabilitySettings(database.pool);
    if (unsafe.length > 0 && !config.ALLOW_UNSAFE_DURABILITY) {
      await database.close();
      throw new ConfigError(
        `PostgreSQL durability settings are off (${unsafe.join(', ')}): acknowledged answers could be lost in a crash. ` +
          'Turn them on, or set ALLOW_UNSAFE_DURABILITY=true for a non-live environment.',
      );
    }
  }
  await database.migrate();
  return database;
}

/** Listens, and closes gracefully on SIGTERM/SIGINT. Everything else lives in buildApp. */
async function main(): Promise<void> {
  const config = loadConfig();
  const signing = resolveSigningKey(config);
  const totp = resolveTotpKey(config);
  const database = await prepareDatabase(config);
  const app = await buildApp({
    config,
    database,
    clock: systemClock,
    auditKey: signing.key,
    totpKey: totp.key,
  });
  if (database.kind === 'pglite') app.log.warn(EMBEDDED_WARNING);

  const firstStart = await prepareFirstStart(app, database, config);
  // A sitting's start brings every candidate's socket within seconds: Node's default accept
  // queue (511) overflows, and the kernel drops the excess handshakes for the client to retry
  // seconds later. The kernel caps this at net.core.somaxconn.
  await app.listen({ port: config.PORT, host: config.HOST, backlog: LISTEN_BACKLOG });

  console.log(`\nEndorsement exam platform is up: ${config.publicOrigin}/`);
  if (database.kind === 'pglite') console.log(`\n  ${EMBEDDED_WARNING}`);
  if (totp.generated) {
    console.log(
      `\nCreated the two-factor encryption key ${totp.generated} (keep it with the data).`,
    );
  }
  if (signing.source === 'generated') {
    console.log(`\nCreated the audit signing key ${signing.file} (keep it; it signs checkpoints).`);
  }
  console.log(`\nAudit checkpoints are signed with key ${signing.key.keyId}. Its public key:`);
  console.log(`  ${signing.key.publicKeyText}`);
  console.log(`  (verify an export offline: npm run audit:verify -- FILE --key PUBLIC_KEY)`);
  for (const line of describeFirstStart(firstStart)) console.log(line);

  // SIGTERM (a deploy or a patch mid-sitting): app.close() stops routing, flushes the group
  // commit, closes every websocket with 1012 so clients reconnect at once to another instance
  // (plugins/graceful-close.ts), then stops the modules; only then does the database close.
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    // A shutdown that hangs (a stuck query) must not keep the orchestrator waiting for ever.
    setTimeout(() => {
      app.log.error('shutdown took over 20 s; exiting');
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS).unref();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('Start-up failed:', error);
  }
  process.exit(1);
});
