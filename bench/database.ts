import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { examEndorsements } from '@exam/shared/domain';
import { openDatabase, type Database } from '../server/src/db/client.js';
import {
  candidateProfiles,
  enrolments,
  sessions,
  sittings,
  users,
  DEFAULT_ASSOCIATION_ID,
  associationMembers,
} from '../server/src/db/schema/index.js';
import { systemClock } from '../server/src/lib/clock.js';
import { createAuditService } from '../server/src/modules/audit/index.js';
import { hashPassword, sessionIdFromToken } from '../server/src/modules/auth/index.js';
import { createBankService } from '../server/src/modules/bank/index.js';
import { seedBank } from '../server/src/seed/demo-bank.js';
import { seedVignetteSets } from '../server/src/seed/demo-vignettes.js';
import { demoVignetteSets } from '../server/src/seed/content/vignettes.js';

const CHUNK = 1000;

export interface BenchDatabase {
  name: string;
  url: string;
  database: Database;
  drop(): Promise<void>;
}

async function admin<T>(adminUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A fresh, migrated database of its own on the server behind `adminUrl`. */
export async function createBenchDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `exam_bench_${randomBytes(6).toString('hex')}`;
  await admin(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = openDatabase({ url: url.toString(), poolSize: 8 });
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await database.close().catch(() => undefined);
    await admin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  };
  try {
    await database.migrate();
  } catch (error) {
    await drop();
    throw error;
  }
  return { name, url: url.toString(), database, drop };
}

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * The demo bank with its two active forms, an open sitting using them, and `count` admitted
 * candidates with a live session each. One argon2 hash serves every account, and sessions are
 * inserted directly (id = SHA-256 of the token, as the auth service stores them), so seeding
 * 5,000 candidates takes seconds instead of 5,000 logins. With `partTwo`, the demo vignette sets
 * are in the sitting too, so every candidate (a Specialist: the clinical set of their
 * endorsement) can sit Part Two. Returns the session tokens.
 */
export async function seedSitting(
  database: Database,
  count: number,
  options: { partTwo?: boolean } = {},
): Promise<string[]> {
  const { db } = database;
  await seedBank(db);
  const vignetteSets = options.partTwo ? await seedVignetteSets(db, demoVignetteSets) : [];
  const bank = createBankService({
    db,
    clock: systemClock,
    audit: createAuditService({ clock: systemClock }),
  });
  const forms: Record<string, string> = {};
  for (const endorsement of examEndorsements) {
    const form = await bank.activeFormFor(endorsement);
    if (!form) throw new Error(`seedBank left no active ${endorsement} form`);
    forms[endorsement] = form.formId;
  }
  const [sitting] = await db
    .insert(sittings)
    .values({
      associationId: DEFAULT_ASSOCIATION_ID,
      name: 'Benchmark sitting',
      status: 'open',
      part1Minutes: 90,
      forms,
      vignetteSets,
    })
    .returning({ id: sittings.id });
  if (!sitting) throw new Error('no sitting');

  const passwordHash = await hashPassword(randomBytes(16).toString('hex'));
  const now = new Date();
  const expiresAt = new Date(now.getTime() + 24 * 3_600_000);
  const tokens: string[] = [];
  const people = Array.from({ length: count }, (_, i) => ({
    index: i,
    endorsement: examEndorsements[i % examEndorsements.length] ?? 'IMH-E',
  }));
  for (const chunk of chunks(people)) {
    await db.transaction(async (tx) => {
      const rows = await tx
        .insert(users)
        .values(
          chunk.map((p) => ({
            email: `bench.candidate.${p.index}@bench.test`,
            displayName: `Bench Candidate ${p.index}`,
            passwordHash,
            roles: [],
          })),
        )
        .returning({ id: users.id, email: users.email });
      await tx.insert(associationMembers).values(
        rows.map((row) => ({
          userId: row.id,
          associationId: DEFAULT_ASSOCIATION_ID,
          roles: ['candidate'],
        })),
      );
      const endorsementOf = new Map(
        chunk.map((p) => [`bench.candidate.${p.index}@bench.test`, p.endorsement]),
      );
      const seated = rows.map((row) => ({
        id: row.id,
        endorsement: endorsementOf.get(row.email) ?? 'IMH-E',
        token: randomBytes(32).toString('base64url'),
      }));
      await tx.insert(candidateProfiles).values(
        seated.map((s) => ({
          userId: s.id,
          endorsement: s.endorsement,
          category: 'mental-health-specialist',
          track: null,
        })),
      );
      await tx.insert(enrolments).values(
        seated.map((s) => ({
          sittingId: sitting.id,
          candidateId: s.id,
          examEndorsement: s.endorsement,
          category: 'mental-health-specialist',
          track: null,
          admittedAt: now,
        })),
      );
      await tx.insert(sessions).values(
        seated.map((s) => ({
          id: sessionIdFromToken(s.token),
          userId: s.id,
          createdAt: now,
          expiresAt,
        })),
      );
      tokens.push(...seated.map((s) => s.token));
    });
  }
  return tokens;
}
