import { eq } from 'drizzle-orm';
import { examEndorsements } from '@exam/shared/domain';
import type { Db } from '../db/client.js';
import {
  candidateProfiles,
  enrolments,
  sittingProctors,
  sittings,
  users,
} from '../db/schema/index.js';
import { systemClock } from '../lib/clock.js';
import { createAuditService } from '../modules/audit/index.js';
import { createBankService } from '../modules/bank/index.js';
import { seedVignetteSets } from './demo-vignettes.js';

/** This demo candidate starts in the lobby, so the demo shows a proctor admitting someone. */
export const DEMO_LOBBY_CANDIDATE = 'mentor.clinical@demo.test';

/**
 * An open demo sitting with every demo candidate enrolled, proctored by the demo proctor.
 * Everyone but DEMO_LOBBY_CANDIDATE is admitted, so a visitor can sit Part One straight after
 * `npm start`. A live sitting is scheduled and admitted by staff.
 */
export async function seedDemoSitting(db: Db): Promise<void> {
  const bank = createBankService({
    db,
    clock: systemClock,
    audit: createAuditService({ clock: systemClock }),
  });
  const forms: Record<string, string> = {};
  for (const endorsement of examEndorsements) {
    const form = await bank.activeFormFor(endorsement);
    if (form) forms[endorsement] = form.formId;
  }
  const vignetteSets = await seedVignetteSets(db);
  await db.transaction(async (tx) => {
    const [sitting] = await tx
      .insert(sittings)
      .values({
        name: 'Demo sitting (practice)',
        status: 'open',
        startsAt: new Date(),
        forms,
        vignetteSets,
        policies: { spellcheck: false, paste: 'plain-text', wordLimit: 1500 },
      })
      .returning();
    if (!sitting) throw new Error('demo sitting was not created');
    const staff = await tx.select({ id: users.id, roles: users.roles }).from(users);
    for (const person of staff.filter((u) => u.roles.includes('proctor'))) {
      await tx.insert(sittingProctors).values({ sittingId: sitting.id, proctorId: person.id });
    }
    const candidates = await tx
      .select({ profile: candidateProfiles, email: users.email })
      .from(candidateProfiles)
      .innerJoin(users, eq(users.id, candidateProfiles.userId));
    for (const { profile, email } of candidates) {
      await tx.insert(enrolments).values({
        sittingId: sitting.id,
        candidateId: profile.userId,
        // IECMH-E candidates sit the form the coordinator names; the demo picks IMH-E for them.
        examEndorsement: profile.endorsement === 'ECMH-E' ? 'ECMH-E' : 'IMH-E',
        category: profile.category,
        track: profile.track,
        admittedAt: email === DEMO_LOBBY_CANDIDATE ? null : new Date(),
      });
    }
  });
}
