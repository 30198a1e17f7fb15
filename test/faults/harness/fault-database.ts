import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database, type Db } from '../../../server/src/db/client.js';
import {
  candidateProfiles,
  enrolments,
  sessions,
  sittings,
  users,
  DEFAULT_ASSOCIATION_ID,
  associationMembers,
} from '../../../server/src/db/schema/index.js';
import { systemClock } from '../../../server/src/lib/clock.js';
import { createAuditService } from '../../../server/src/modules/audit/index.js';
import { hashPassword, sessionIdFromToken } from '../../../server/src/modules/auth/index.js';
import { createBankService } from '../../../server/src/modules/bank/index.js';
import { seedBank } from '../../../server/src/seed/demo-bank.js';
import { seedVignetteSets } from '../../../server/src/seed/demo-vignettes.js';
import { demoVignetteSets } from '../../../server/src/seed/content/vignettes.js';
import { HARNESS_APPLICATION_NAME } from './private-cluster.js';

export interface FaultDatabase {
  /** This run's own database. */
  name: string;
  /** URL of this run's own database, for the server's DATABASE_URL. */
  url: string;
  /** A migrated handle for seeding; closed by `drop()`. */
  database: Database;
  drop(): Promise<void>;
}

/** The server URL fault tests run against; throws a clear message when it is missing. */
export function requireTestDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    throw new Error(
      'Fault tests need PostgreSQL: set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test). ' +
        'They never run on PGlite, which does not flush to disk.',
    );
  }
  return url;
}

/**
 * Creates and migrates a fresh database on the server named by `serverUrl`. `unsafe` turns
 * synchronous_commit off for this database only: the negative control, which must lose data.
 */
export async function createFaultDatabase(
  serverUrl: string,
  options: { unsafe?: boolean } = {},
): Promise<FaultDatabase> {
  const name = `exam_faults_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    if (options.unsafe) await admin.query(`ALTER DATABASE ${name} SET synchronous_commit = off`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  // The seeding handle is named, so killing the app's backends leaves it alone.
  const harnessUrl = new URL(url);
  harnessUrl.searchParams.set('application_name', HARNESS_APPLICATION_NAME);
  const database = openDatabase({ url: harnessUrl.toString(), poolSize: 5 });
  await database.migrate();
  return {
    name,
    url: url.toString(),
    database,
    async drop() {
      await database.close().catch(() => undefined);
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      try {
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

export interface SeededCandidate {
  /** Position in the seeding order, from 0. */
  index: number;
  candidateId: string;
  email: string;
  /** The Cookie header value of a live session. */
  cookie: string;
}

/**
 * Seeds the demo bank, one open sitting with both endorsements' active forms (and, with
 * `vignetteSets`, the demo vignette sets for Part Two), and `count` admitted Specialist
 * candidates, each with a live session (no login round trip; the cookie carries the token whose
 * SHA-256 is the session id, as the auth module stores it).
 */
export async function seedOpenSitting(
  db: Db,
  count: number,
  options: { vignetteSets?: boolean } = {},
): Promise<SeededCandidate[]> {
  await seedBank(db);
  const vignetteSetIds = options.vignetteSets ? await seedVignetteSets(db, demoVignetteSets) : [];
  const bank = createBankService({
    db,
    clock: systemClock,
    audit: createAuditService({ clock: systemClock }),
  });
  const [imh, ecmh] = await Promise.all([
    bank.activeFormFor('IMH-E'),
    bank.activeFormFor('ECMH-E'),
  ]);
  if (!imh || !ecmh) throw new Error('the demo bank has no active form for each endorsement');

  const [sitting] = await db
    .insert(sittings)
    .values({
      associationId: DEFAULT_ASSOCIATION_ID,
      name: 'Fault test sitting',
      status: 'open',
      part1Minutes: 90,
      forms: { 'IMH-E': imh.formId, 'ECMH-E': ecmh.formId },
      vignetteSets: vignetteSetIds,
    })
    .returning();
  if (!sitting) throw new Error('sitting was not inserted');

  // One argon2 hash for everyone: nobody logs in with it, and hashing is slow on purpose.
  const passwordHash = await hashPassword(randomBytes(16).toString('hex'));
  const people = await db
    .insert(users)
    .values(
      Array.from({ length: count }, (_, i) => ({
        email: `fault-candidate-${i + 1}@faults.test`,
        displayName: `Fault Candidate ${i + 1}`,
        passwordHash,
        roles: [],
      })),
    )
    .returning({ id: users.id, email: users.email });
  await db.insert(associationMembers).values(
    people.map((person) => ({
      userId: person.id,
      associationId: DEFAULT_ASSOCIATION_ID,
      roles: ['candidate'],
    })),
  );
  const endorsementOf = (i: number) => (i % 2 === 0 ? 'IMH-E' : 'ECMH-E');
  await db.insert(candidateProfiles).values(
    people.map((person, i) => ({
      userId: person.id,
      endorsement: endorsementOf(i),
      category: 'mental-health-specialist',
      track: null,
    })),
  );
  const now = new Date();
  await db.insert(enrolments).values(
    people.map((person, i) => ({
      sittingId: sitting.id,
      candidateId: person.id,
      examEndorsement: endorsementOf(i),
      category: 'mental-health-specialist',
      track: null,
      admittedAt: now,
    })),
  );
  const tokens = people.map(() => randomBytes(32).toString('base64url'));
  await db.insert(sessions).values(
    people.map((person, i) => ({
      id: sessionIdFromToken(tokens[i]!),
      userId: person.id,
      createdAt: now,
      expiresAt: new Date(now.getTime() + 12 * 3_600_000),
    })),
  );
  return people.map((person, i) => ({
    index: i,
    candidateId: person.id,
    email: person.email,
    cookie: `sid=${tokens[i]!}`,
  }));
}
