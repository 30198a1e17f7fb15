import { sql } from 'drizzle-orm';
import type { Role } from '@exam/shared/domain';
import { queryRows, type Db } from '../db/client.js';
import { candidateProfiles, users } from '../db/schema/index.js';
import { hashPassword } from '../modules/auth/index.js';
import { seedBank } from './demo-bank.js';
import { DEMO_PASSWORD, demoPeople } from './demo-people.js';
import { seedDemoSitting } from './demo-sitting.js';
import { seedDemoGrading } from './demo-grading.js';

export interface DemoLogin {
  role: Role;
  email: string;
  password: string;
}

/** Seeds the demo only when the database has no users, so real data is never touched. */
export async function seedDemoIfEmpty(db: Db): Promise<DemoLogin[] | undefined> {
  const existing = await queryRows<{ count: number }>(
    db,
    sql`SELECT count(*)::int AS count FROM users`,
  );
  if (Number(existing[0]?.count ?? 0) > 0) return undefined;
  await seedDemo(db);
  return demoPeople.map((person) => ({
    role: person.roles[0] ?? 'candidate',
    email: person.email,
    password: DEMO_PASSWORD,
  }));
}

/** The demo people, bank and (unless told not to) an open demo sitting with everyone enrolled. */
export async function seedDemo(db: Db, options: { sitting?: boolean } = {}): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    for (const person of demoPeople) {
      const [row] = await tx
        .insert(users)
        .values({
          email: person.email,
          displayName: person.displayName,
          passwordHash,
          roles: person.roles,
        })
        .returning({ id: users.id });
      if (row && person.candidate) {
        await tx.insert(candidateProfiles).values({ userId: row.id, ...person.candidate });
      }
    }
  });
  await seedBank(db);
  await seedDemoGrading(db);
  if (options.sitting !== false) await seedDemoSitting(db);
}
