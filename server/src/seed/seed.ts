import type { Role } from '@exam/shared/domain';
import type { Db } from '../db/client.js';
import { systemClock } from '../lib/clock.js';
import { createAuditService } from '../modules/audit/index.js';
import {
  createUsersService,
  hashPassword,
  importUsers,
  DEFAULT_ASSOCIATION_ID,
} from '../modules/auth/index.js';
import { importCandidateProfiles } from '../modules/sittings/index.js';
import { seedBank } from './demo-bank.js';
import { DEMO_PASSWORD, demoPeople } from './demo-people.js';
import { seedDemoSitting } from './demo-sitting.js';
import { seedDemoGrading } from './demo-grading.js';
import { programmeScope } from '../db/association-scope.js';

export interface DemoLogin {
  role: Role;
  email: string;
  password: string;
}

/** Seeds the demo only when the database has no users, so real data is never touched. */
export async function seedDemoIfEmpty(db: Db): Promise<DemoLogin[] | undefined> {
  const users = createUsersService({ db, audit: createAuditService({ clock: systemClock }) });
  if ((await users.list(programmeScope)).length > 0) return undefined;
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
    const ids = await importUsers(
      tx,
      demoPeople.map(({ email, displayName, roles }) => ({
        email,
        displayName,
        roles,
        passwordHash,
        associationId: DEFAULT_ASSOCIATION_ID,
      })),
    );
    await importCandidateProfiles(
      tx,
      demoPeople.flatMap((person) => {
        const userId = ids.get(person.email);
        return userId && person.candidate ? [{ userId, ...person.candidate }] : [];
      }),
    );
  });
  await seedBank(db);
  await seedDemoGrading(db);
  if (options.sitting !== false) await seedDemoSitting(db);
}
