import { examEndorsements } from '@exam/shared/domain';
import { associationScope } from '../db/association-scope.js';
import type { Db } from '../db/client.js';
import { systemClock } from '../lib/clock.js';
import { createAuditService } from '../modules/audit/index.js';
import { createUsersService } from '../modules/auth/index.js';
import { createBankService } from '../modules/bank/index.js';
import { importAuthorisations, importSeatSettings } from '../modules/bookings/index.js';
import {
  candidateProfilesOf,
  importSitting,
  type SittingImport,
} from '../modules/sittings/index.js';
import { demoAssociations } from './demo-people.js';
import { seedVignetteSets } from './demo-vignettes.js';

/** This demo candidate starts in the lobby, so the demo shows a proctor admitting someone. */
export const DEMO_LOBBY_CANDIDATE = 'mentor.clinical@demo.test';

/** Michigan's approved applicant: authorised to test, not yet booked into any sitting. */
export const DEMO_APPLICANT = 'applicant@demo.test';

/** Michigan's remote sitting with seats to book, five weeks ahead. */
export const DEMO_BOOKABLE_SITTING_NAME = 'Summer remote sitting';

/** Colorado's sitting: scheduled a fortnight ahead, so it never competes with the open one. */
export const DEMO_CO_SITTING_NAME = 'Denver spring sitting';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The people of one association, with the roles they hold there. */
async function peopleOf(db: Db, associationId: string) {
  const users = createUsersService({ db, audit: createAuditService({ clock: systemClock }) });
  const people = await users.list(associationScope(associationId));
  const candidates = people.filter((p) => p.roles.includes('candidate'));
  return {
    people,
    proctorIds: people.filter((p) => p.roles.includes('proctor')).map((p) => p.id),
    profiles: await candidateProfilesOf(
      db,
      candidates.map((p) => p.id),
    ),
  };
}

/** IECMH-E candidates sit the form the coordinator names; the demo picks IMH-E for them. */
function examEndorsementOf(endorsement: string): 'IMH-E' | 'ECMH-E' {
  return endorsement === 'ECMH-E' ? 'ECMH-E' : 'IMH-E';
}

/**
 * Michigan's open demo sitting with every Michigan demo candidate but the applicant enrolled, proctored by its
 * proctors. Everyone but DEMO_LOBBY_CANDIDATE is admitted, so a visitor can sit Part One straight
 * after `npm start`. Colorado's sitting is scheduled with its two candidates enrolled. A live
 * sitting is scheduled and admitted by staff.
 */
export async function seedDemoSitting(db: Db, options: { bookable?: boolean } = {}): Promise<void> {
  const audit = createAuditService({ clock: systemClock });
  const bank = createBankService({ db, clock: systemClock, audit });
  const forms: Record<string, string> = {};
  for (const endorsement of examEndorsements) {
    const form = await bank.activeFormFor(endorsement);
    if (form) forms[endorsement] = form.formId;
  }
  const vignetteSets = await seedVignetteSets(db);
  const now = systemClock.now();
  const policies = { spellcheck: false, paste: 'plain-text', wordLimit: 1500 };

  const mi = await peopleOf(db, demoAssociations.MI.id);
  const applicantId = mi.people.find((p) => p.email === DEMO_APPLICANT)?.id;
  const notApplicant = (profile: { userId: string }) => profile.userId !== applicantId;
  await importSitting(db, {
    sitting: {
      associationId: demoAssociations.MI.id,
      name: 'Demo sitting (practice)',
      status: 'open',
      startsAt: now,
      timeZone: demoAssociations.MI.timeZone,
      forms,
      vignetteSets,
      policies,
    },
    proctorIds: mi.proctorIds,
    enrolments: mi.profiles.filter(notApplicant).map((profile) => ({
      candidateId: profile.userId,
      examEndorsement: examEndorsementOf(profile.endorsement),
      category: profile.category,
      track: profile.track,
      admittedAt:
        mi.people.find((p) => p.id === profile.userId)?.email === DEMO_LOBBY_CANDIDATE ? null : now,
    })),
  });

  if (options.bookable)
    await seedBookableSitting(db, {
      proctorIds: mi.proctorIds,
      applicantId,
      content: { forms, vignetteSets, policies },
    });

  const co = await peopleOf(db, demoAssociations.CO.id);
  await importSitting(db, {
    sitting: {
      associationId: demoAssociations.CO.id,
      name: DEMO_CO_SITTING_NAME,
      status: 'scheduled',
      startsAt: new Date(now.getTime() + 14 * DAY_MS),
      timeZone: demoAssociations.CO.timeZone,
      location: 'Denver, CO',
      applicationCycle: `${now.getUTCFullYear()}-Q2`,
      forms,
      vignetteSets,
      policies,
    },
    proctorIds: co.proctorIds,
    enrolments: co.profiles.map((profile) => ({
      candidateId: profile.userId,
      examEndorsement: examEndorsementOf(profile.endorsement),
      category: profile.category,
      track: profile.track,
      admittedAt: null,
    })),
  });
}

/**
 * Michigan's remote summer sitting: twelve seats, booking open since yesterday until the day before,
 * free cancellation until a week before; and the applicant's authorisation for both parts,
 * valid a year, as the application system's import would have granted it.
 */
async function seedBookableSitting(
  db: Db,
  input: {
    proctorIds: string[];
    applicantId: string | undefined;
    content: Pick<SittingImport['sitting'], 'forms' | 'vignetteSets' | 'policies'>;
  },
): Promise<void> {
  const now = systemClock.now();
  const startsAt = new Date(now.getTime() + 35 * DAY_MS);
  const sittingId = await importSitting(db, {
    sitting: {
      associationId: demoAssociations.MI.id,
      name: DEMO_BOOKABLE_SITTING_NAME,
      status: 'scheduled',
      startsAt,
      timeZone: demoAssociations.MI.timeZone,
      remote: true,
      applicationCycle: `${now.getUTCFullYear()}-Q3`,
      ...input.content,
    },
    proctorIds: input.proctorIds,
    enrolments: [],
  });
  await db.transaction(async (tx) => {
    await importSeatSettings(tx, {
      sittingId,
      associationId: demoAssociations.MI.id,
      capacity: 12,
      bookingOpensAt: new Date(now.getTime() - DAY_MS),
      bookingClosesAt: new Date(startsAt.getTime() - DAY_MS),
      cancelCutoffAt: new Date(startsAt.getTime() - 7 * DAY_MS),
    });
    if (!input.applicantId) return;
    await importAuthorisations(tx, [
      {
        associationId: demoAssociations.MI.id,
        candidateId: input.applicantId,
        examEndorsement: 'IMH-E',
        category: 'mental-health-specialist',
        track: null,
        parts: [1, 2],
        validFrom: now,
        expiresAt: new Date(now.getTime() + 365 * DAY_MS),
        source: 'import',
        reference: 'DEMO-APP-0001',
      },
    ]);
  });
}
