import { examEndorsements } from '@exam/shared/domain';
import type { Db } from '../db/client.js';
import { systemClock } from '../lib/clock.js';
import { createAuditService } from '../modules/audit/index.js';
import { createUsersService, DEFAULT_ASSOCIATION_ID } from '../modules/auth/index.js';
import { createBankService } from '../modules/bank/index.js';
import { candidateProfilesOf, importSitting } from '../modules/sittings/index.js';
import { seedVignetteSets } from './demo-vignettes.js';
import { programmeScope } from '../db/association-scope.js';

/** This demo candidate starts in the lobby, so the demo shows a proctor admitting someone. */
export const DEMO_LOBBY_CANDIDATE = 'mentor.clinical@demo.test';

/**
 * An open demo sitting with every demo candidate enrolled, proctored by the demo proctor.
 * Everyone but DEMO_LOBBY_CANDIDATE is admitted, so a visitor can sit Part One straight after
 * `npm start`. A live sitting is scheduled and admitted by staff.
 */
export async function seedDemoSitting(db: Db): Promise<void> {
  const audit = createAuditService({ clock: systemClock });
  const bank = createBankService({ db, clock: systemClock, audit });
  const forms: Record<string, string> = {};
  for (const endorsement of examEndorsements) {
    const form = await bank.activeFormFor(endorsement);
    if (form) forms[endorsement] = form.formId;
  }
  const vignetteSets = await seedVignetteSets(db);
  const people = await createUsersService({ db, audit }).list(programmeScope);
  const profiles = await candidateProfilesOf(
    db,
    people.map((p) => p.id),
  );
  const now = systemClock.now();
  await importSitting(db, {
    sitting: {
      associationId: DEFAULT_ASSOCIATION_ID,
      name: 'Demo sitting (practice)',
      status: 'open',
      startsAt: now,
      forms,
      vignetteSets,
      policies: { spellcheck: false, paste: 'plain-text', wordLimit: 1500 },
    },
    proctorIds: people.filter((p) => p.roles.includes('proctor')).map((p) => p.id),
    enrolments: profiles.map((profile) => ({
      candidateId: profile.userId,
      // IECMH-E candidates sit the form the coordinator names; the demo picks IMH-E for them.
      examEndorsement: profile.endorsement === 'ECMH-E' ? 'ECMH-E' : 'IMH-E',
      category: profile.category,
      track: profile.track,
      admittedAt:
        people.find((p) => p.id === profile.userId)?.email === DEMO_LOBBY_CANDIDATE ? null : now,
    })),
  });
}
