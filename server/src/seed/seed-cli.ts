import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { seedDemoIfEmpty } from './seed.js';

/** `npm run seed`: migrates and seeds the demo into an empty database. */
async function main(): Promise<void> {
  const config = loadConfig();
  if (config.NODE_ENV === 'production') {
    throw new Error(
      'the demo is never seeded with NODE_ENV=production (its passwords are public); ' +
        'create an administrator with `npm run admin:create`.',
    );
  }
  const database = openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    await database.migrate();
    const logins = await seedDemoIfEmpty(database.db);
    console.log(
      logins ? `Seeded ${logins.length} demo accounts.` : 'Database not empty; nothing seeded.',
    );
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error('Seeding failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
