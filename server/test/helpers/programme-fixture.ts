import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../src/db/client.js';
import {
  associations,
  attempts,
  enrolments,
  examResults,
  gradingIntake,
  gradingItems,
  rubrics,
  sittings,
  users,
} from '../../src/db/schema/index.js';
import { DEFAULT_ASSOCIATION_ID, DEFAULT_PROGRAMME_ID } from '../../src/modules/auth/index.js';

export const B_ASSOCIATION_ID = '00000000-0000-4000-8000-0000000000b2';
export const PAST_A = new Date('2026-01-15T15:00:00Z');
/** 03:00 UTC on 1 February is still 31 January in Denver: the calendar month is 2026-01. */
export const PAST_B = new Date('2026-02-01T03:00:00Z');
export const FUTURE_A = new Date('2099-03-01T15:00:00Z');
export const INTAKE_A = new Date('2026-01-16T12:00:00Z');
export const INTAKE_B = new Date('2026-02-02T12:00:00Z');
const HOUR = 3_600_000;

const candidateEmails = [
  'candidate@demo.test',
  'mentor.policy@demo.test',
  'mentor.research@demo.test',
  'mentor.clinical@demo.test',
];

const domains = (d1: number, d2: number) => [
  { domain: 'thinking', label: 'Thinking', correct: d1, total: 10, belowExpectation: false },
  { domain: 'reflection', label: 'Reflection', correct: d2, total: 4, belowExpectation: false },
];

/**
 * Two associations' sittings, enrolments, released results and grading, replacing the demo's
 * sitting, so every programme figure can be worked out by hand (see programme.test.ts).
 */
export async function seedProgrammeFixture(db: Db) {
  await db.delete(sittings);
  // The demo's own Colorado association gives way to the fixture's, whose figures are known.
  await db.delete(associations).where(eq(associations.shortName, 'CO-AIMH'));
  await db.insert(associations).values({
    id: B_ASSOCIATION_ID,
    programmeId: DEFAULT_PROGRAMME_ID,
    name: 'Colorado Association',
    shortName: 'CO-AIMH',
    contactEmail: 'endorsement@co.example',
    timeZone: 'America/Denver',
    // Colorado keeps two deadlines a year, not the programme's four.
    applicationDeadlines: ['03-15', '09-15'],
  });
  const people = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(users.email, candidateEmails));
  const [c1, c2, c3, c4] = candidateEmails.map((e) => people.find((p) => p.email === e)!.id);
  const [rubric] = await db.select({ id: rubrics.id }).from(rubrics).limit(1);

  const sitting = async (
    name: string,
    associationId: string,
    status: string,
    cycle: string,
    startsAt: Date,
    timeZone: string,
  ) => {
    const [row] = await db
      .insert(sittings)
      .values({ name, associationId, status, applicationCycle: cycle, startsAt, timeZone })
      .returning({ id: sittings.id });
    return row!.id;
  };
  const a1 = await sitting(
    'A winter',
    DEFAULT_ASSOCIATION_ID,
    'released',
    '2026-Q1',
    PAST_A,
    'UTC',
  );
  const a2 = await sitting(
    'A spring',
    DEFAULT_ASSOCIATION_ID,
    'scheduled',
    '2099-Q1',
    FUTURE_A,
    'UTC',
  );
  const b1 = await sitting(
    'B winter',
    B_ASSOCIATION_ID,
    'released',
    '2026-Q1',
    PAST_B,
    'America/Denver',
  );

  /** Enrols and starts an attempt; returns the attempt id. */
  const enrol = async (
    sittingId: string,
    candidateId: string,
    endorsement: string,
    enrolledAt: string,
  ) => {
    const [e] = await db
      .insert(enrolments)
      .values({
        sittingId,
        candidateId,
        examEndorsement: endorsement,
        category: 'professional',
        enrolledAt: new Date(enrolledAt),
      })
      .returning({ id: enrolments.id });
    const [a] = await db
      .insert(attempts)
      .values({
        enrolmentId: e!.id,
        candidateId,
        formId: crypto.randomUUID(),
        optionSeed: 1,
        createdAt: PAST_A,
      })
      .returning({ id: attempts.id });
    return { attemptId: a!.id, sittingId, candidateId };
  };
  // Enrolment days decide the cycle by the association's deadlines (see programme.test.ts).
  const a1c1 = await enrol(a1, c1!, 'IMH-E', '2025-11-10T15:00:00Z');
  const a1c2 = await enrol(a1, c2!, 'IMH-E', '2025-11-10T15:00:00Z');
  // not released yet: counts as a candidate, not in results
  await enrol(a1, c3!, 'IECMH-E', '2025-11-12T15:00:00Z');
  await enrol(a2, c1!, 'IMH-E', '2026-02-10T15:00:00Z');
  // 03:00 UTC on 31 January is still 30 January in Detroit: before that day's deadline.
  await enrol(a2, c4!, 'IMH-E', '2026-01-31T03:00:00Z');
  const b1c2 = await enrol(b1, c2!, 'IMH-E', '2026-01-20T15:00:00Z');
  const b1c4 = await enrol(b1, c4!, 'IECMH-E', '2026-03-20T15:00:00Z');

  const release = async (
    at: { attemptId: string; sittingId: string; candidateId: string },
    passed: boolean,
    d1: number,
    d2: number,
  ) =>
    db.insert(examResults).values({
      ...at,
      passed,
      result: { status: 'released', passed, partOne: { domains: domains(d1, d2) } },
      releasedAt: INTAKE_B,
    });
  await release(a1c1, true, 8, 3);
  await release(a1c2, false, 5, 1);
  await release(b1c2, true, 9, 4);
  await release(b1c4, true, 6, 2);

  let code = 0;
  const grade = async (
    at: { attemptId: string; sittingId: string; candidateId: string },
    takenAt: Date,
    readings: { status: string; hours?: number }[],
  ) => {
    await db.insert(gradingIntake).values({
      attemptId: at.attemptId,
      sittingId: at.sittingId,
      required: readings.length,
      gradable: readings.length,
      takenAt,
    });
    for (const [index, r] of readings.entries())
      await db.insert(gradingItems).values({
        ...at,
        code: `FIX-${++code}`,
        vignette: index + 1,
        variant: 'infant',
        rubricId: rubric!.id,
        status: r.status,
        finalizedAt: r.hours === undefined ? null : new Date(takenAt.getTime() + r.hours * HOUR),
        createdAt: takenAt,
      });
  };
  await grade(a1c1, INTAKE_A, [
    { status: 'final', hours: 10 },
    { status: 'final', hours: 20 },
  ]);
  await grade(a1c2, INTAKE_A, [{ status: 'final', hours: 30 }, { status: 'reading' }]);
  await grade(b1c2, INTAKE_B, [
    { status: 'final', hours: 5 },
    { status: 'final', hours: 8 },
  ]);
  await grade(b1c4, INTAKE_B, [{ status: 'adjudicating' }]);

  const [b] = await db.select().from(associations).where(eq(associations.id, B_ASSOCIATION_ID));
  return { a1, a2, b1, association: b! };
}
