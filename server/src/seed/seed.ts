import type { Role } from '@exam/shared/domain';
import type { Db } from '../db/client.js';
import { systemClock } from '../lib/clock.js';
import { createAuditService } from '../modules/audit/index.js';
import {
  createUsersService,
  hashPassword,
  importAssociation,
  importUsers,
} from '../modules/auth/index.js';
import { importCandidateProfiles } from '../modules/sittings/index.js';
import { seedBank } from './demo-bank.js';
import { associationsOf, DEMO_PASSWORD, demoAssociations, demoPeople } from './demo-people.js';
import { seedDemoSitting } from './demo-sitting.js';
import { seedDemoGrading } from './demo-grading.js';
import { programmeScope } from '../db/association-scope.js';

export interface DemoLogin {
  role: Role;
  email: string;
  password: string;
  /** Short names of the associations the login acts for; empty for the programme's staff. */
  associations: string[];
}

/** Seeds the demo only when the database has no users, so real data is never touched. */
export async function seedDemoIfEmpty(db: Db): Promise<DemoLogin[] | undefined> {
  const users = createUsersService({ db, audit: createAuditService({ clock: systemClock }) });
  if ((await users.list(programmeScope)).length > 0) return undefined;
  await seedDemo(db, { bookable: true });
  return demoPeople.map((person) => ({
    role: person.roles[0] ?? 'candidate',
    email: person.email,
    password: DEMO_PASSWORD,
    associations: associationsOf(person).map((key) => demoAssociations[key].shortName),
  }));
}

/**
 * The demo's two associations and their people, the bank and (unless told not to) Michigan's
 * open demo sitting with its candidates enrolled and Colorado's scheduled one. `bookable` adds
 * Michigan's remote sitting with seats and the applicant's authorisation (start-up has it; tests
 * that book seats build their own, so it stays out of their way unless asked for).
 */
export async function seedDemo(
  db: Db,
  options: { sitting?: boolean; bookable?: boolean } = {},
): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    for (const association of Object.values(demoAssociations)) {
      await importAssociation(tx, association);
    }
    const ids = await importUsers(
      tx,
      demoPeople.map((person) => {
        const [first, ...others] = associationsOf(person).map((key) => demoAssociations[key].id);
        return {
          email: person.email,
          displayName: person.displayName,
          roles: person.roles,
          passwordHash,
          associationId: first ?? null,
          alsoMemberOf: others,
        };
      }),
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
  if (options.sitting !== false) await seedDemoSitting(db, { bookable: options.bookable });
}
