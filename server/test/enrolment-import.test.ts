import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  associationMembers,
  auditLog,
  candidateProfiles,
  enrolments,
  users,
} from '../src/db/schema/index.js';
import { apiAs, sittingInput } from './helpers/coordinator.js';
import { acceptInvitation, mailsTo } from './helpers/invitations.js';
import { createTestApp, loginAs, TEST_ORIGIN, type TestApp } from './helpers/test-app.js';

let t: TestApp;
let api: ReturnType<typeof apiAs>;

beforeAll(async () => {
  t = await createTestApp();
  api = apiAs(t.app, await loginAs(t.app, 'coordinator@demo.test'));
});
afterAll(() => t.close());

async function newSitting(): Promise<string> {
  return (await api.post('/api/sittings', sittingInput())).body.sitting.id;
}

async function enrolledIn(sittingId: string): Promise<number> {
  const [row] = await t.database.db
    .select({ n: count() })
    .from(enrolments)
    .where(eq(enrolments.sittingId, sittingId));
  return Number(row?.n ?? 0);
}

async function userCount(): Promise<number> {
  const [row] = await t.database.db.select({ n: count() }).from(users);
  return Number(row?.n ?? 0);
}

function importCsv(
  sittingId: string,
  csv: string,
  options: { create?: boolean; commit?: boolean },
) {
  return api.post(`/api/sittings/${sittingId}/enrolments/import`, {
    csv,
    createAccounts: options.create ?? false,
    commit: options.commit ?? false,
  });
}

describe('CSV enrolment import', () => {
  it('reports every bad row with a clear reason and saves nothing, even when asked to commit', async () => {
    const sittingId = await newSitting();
    const usersBefore = await userCount();
    const csv = [
      'Email,Name,Endorsement,Category,Track,Exam Endorsement',
      'candidate@demo.test,,IMH-E,Infant Mental Health Specialist,,',
      'new.person@demo.test,New Person,IMH-E,mental-health-specialist,,',
      'mentor.policy@demo.test,,XYZ-E,mental-health-mentor,policy,',
      'mentor.clinical@demo.test,,ECMH-E,family-associate,,',
      'mentor.research@demo.test,,IMH-E,mental-health-mentor,,',
      'candidate@demo.test,,IMH-E,mental-health-specialist,,',
      'proctor@demo.test,,IMH-E,mental-health-specialist,,',
      'someone@demo.test,Some One,IECMH-E,mental-health-specialist,,',
      'not-an-email,,IMH-E,specialist,clinical,',
      '',
    ].join('\r\n');
    const response = await importCsv(sittingId, csv, { commit: true });
    expect(response.status).toBe(200);
    const report = response.body;
    expect(report.committed).toBe(false);
    expect(report.fileErrors).toEqual([]);
    expect(report.validCount).toBe(1);
    expect(report.errorCount).toBe(8);
    const errorsOn = (line: number) =>
      report.rows.find((r: { line: number }) => r.line === line).errors;
    expect(report.rows[0]).toMatchObject({
      line: 2,
      email: 'candidate@demo.test',
      displayName: 'Casey Candidate',
      examEndorsement: 'IMH-E',
      variant: 'clinical',
      action: 'enrol',
      errors: [],
    });
    expect(errorsOn(3)).toEqual([
      'No account has this email: check it, or choose to create accounts.',
    ]);
    expect(errorsOn(4)).toEqual(['Unknown endorsement "XYZ-E": use IMH-E, ECMH-E or IECMH-E.']);
    expect(errorsOn(5)).toEqual([
      'Family Associate does not sit the exam: only Mental Health Specialists and Mentors do.',
    ]);
    expect(errorsOn(6)).toEqual(['A Mentor needs a track: clinical, policy or research-faculty.']);
    expect(errorsOn(7)).toEqual(['The same email is on line 2 of this file.']);
    expect(errorsOn(8)).toEqual(["The account proctor@demo.test is not a candidate's account."]);
    expect(errorsOn(9)).toEqual([
      'IECMH-E candidates sit one form: name IMH-E or ECMH-E as the exam endorsement.',
      'No account has this email: check it, or choose to create accounts.',
    ]);
    expect(errorsOn(10)).toEqual([
      '"not-an-email" is not an email address.',
      '"Specialist" could be a Family Specialist or a Mental Health Specialist: write mental-health-specialist.',
    ]);

    expect(await enrolledIn(sittingId)).toBe(0);
    expect(await userCount()).toBe(usersBefore);
  });

  it('rejects a file without the needed columns as a whole', async () => {
    const sittingId = await newSitting();
    const report = (await importCsv(sittingId, 'mail,cat\na@b.test,x', { commit: true })).body;
    expect(report.fileErrors[0]).toMatch(/lacks the columns email, endorsement, category/);
    expect(report.rows).toEqual([]);
    expect(await enrolledIn(sittingId)).toBe(0);
  });

  it('imports a valid file all together, creating accounts, then refuses the same rows again', async () => {
    const sittingId = await newSitting();
    const csv = [
      '\uFEFFemail,name,endorsement,category,track,exam_endorsement',
      'candidate@demo.test,,IMH-E,mental-health-specialist,,',
      'mentor.policy@demo.test,,ECMH-E,Early Childhood Mental Health Mentor,Policy,',
      'dual@demo.test,Dana Dual,IECMH-E,mental-health-mentor,Research/Faculty,ECMH-E',
    ].join('\n');
    const preview = (await importCsv(sittingId, csv, { create: true })).body;
    expect(preview).toMatchObject({ committed: false, validCount: 3, errorCount: 0 });
    expect(preview.rows[2]).toMatchObject({
      action: 'create-and-enrol',
      examEndorsement: 'ECMH-E',
      track: 'research-faculty',
      variant: 'research-faculty',
    });
    expect(await enrolledIn(sittingId)).toBe(0);

    const committed = (await importCsv(sittingId, csv, { create: true, commit: true })).body;
    expect(committed.committed).toBe(true);
    expect(committed.invited).toEqual([{ email: 'dual@demo.test' }]);
    expect(JSON.stringify(committed)).not.toMatch(/password/i);
    expect(await enrolledIn(sittingId)).toBe(3);

    // No password exists until the invitee chooses one through the mailed link.
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: TEST_ORIGIN },
      payload: { email: 'dual@demo.test', password: '!invited-no-password-yet' },
    });
    expect(refused.statusCode).not.toBe(200);
    const invitation = (await mailsTo(t, 'dual@demo.test')).filter((m) => m.kind === 'invitation');
    expect(invitation).toHaveLength(1);
    await acceptInvitation(t, 'dual@demo.test');
    const [dual] = await t.database.db
      .select()
      .from(users)
      .where(eq(users.email, 'dual@demo.test'));
    expect(dual!.roles).toEqual([]);
    const [membership] = await t.database.db
      .select()
      .from(associationMembers)
      .where(eq(associationMembers.userId, dual!.id));
    expect(membership!.roles).toEqual(['candidate']);
    const [profile] = await t.database.db
      .select()
      .from(candidateProfiles)
      .where(eq(candidateProfiles.userId, dual!.id));
    expect(profile).toMatchObject({
      endorsement: 'IECMH-E',
      category: 'mental-health-mentor',
      track: 'research-faculty',
    });
    const roster = (await api.get(`/api/sittings/${sittingId}/enrolments`)).body.enrolments;
    expect(
      roster.map((e: { email: string; examEndorsement: string }) => [e.email, e.examEndorsement]),
    ).toEqual([
      ['candidate@demo.test', 'IMH-E'],
      ['dual@demo.test', 'ECMH-E'],
      ['mentor.policy@demo.test', 'ECMH-E'],
    ]);
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'enrolment.create'));
    expect(audits.filter((a) => a.details.sittingId === sittingId)).toHaveLength(3);

    const again = (await importCsv(sittingId, csv, { create: true, commit: true })).body;
    expect(again.committed).toBe(false);
    expect(again.rows.map((r: { errors: string[] }) => r.errors)).toEqual([
      ['Already enrolled in this sitting.'],
      ['Already enrolled in this sitting.'],
      ['Already enrolled in this sitting.'],
    ]);
    expect(await enrolledIn(sittingId)).toBe(3);
  });

  it('saves nothing when the database refuses a row midway through the import', async () => {
    const sittingId = await newSitting();
    const usersBefore = await userCount();
    // A trigger stands in for any failure while writing (a lost connection, a constraint).
    await t.database.db.execute(sql`
      CREATE FUNCTION refuse_mentor_clinical() RETURNS trigger AS $$
      BEGIN
        IF NEW.candidate_id = (SELECT id FROM users WHERE email = 'mentor.clinical@demo.test') THEN
          RAISE EXCEPTION 'simulated failure';
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await t.database.db.execute(sql`
      CREATE TRIGGER refuse_mentor_clinical BEFORE INSERT ON enrolments
      FOR EACH ROW EXECUTE FUNCTION refuse_mentor_clinical()`);
    try {
      const csv = [
        'email,name,endorsement,category,track',
        'brand.new@demo.test,Brand New,IMH-E,mental-health-specialist,',
        'candidate@demo.test,,IMH-E,mental-health-specialist,',
        'mentor.clinical@demo.test,,ECMH-E,mental-health-mentor,clinical',
      ].join('\n');
      const response = await importCsv(sittingId, csv, { create: true, commit: true });
      expect(response.status).toBe(500);
    } finally {
      await t.database.db.execute(sql`DROP TRIGGER refuse_mentor_clinical ON enrolments`);
      await t.database.db.execute(sql`DROP FUNCTION refuse_mentor_clinical`);
    }
    expect(await enrolledIn(sittingId)).toBe(0);
    expect(await userCount()).toBe(usersBefore);
  });
});

describe('enrolling one candidate', () => {
  it('enrols an existing candidate, creates a new one, and refuses a category that does not sit', async () => {
    const sittingId = await newSitting();
    const candidates = (await api.get('/api/candidates')).body.candidates;
    const casey = candidates.find((c: { email: string }) => c.email === 'candidate@demo.test');
    const existing = await api.post(`/api/sittings/${sittingId}/enrolments`, {
      candidate: { kind: 'existing', candidateId: casey.id },
      endorsement: 'IECMH-E',
      category: 'mental-health-specialist',
      track: null,
      examEndorsement: 'ECMH-E',
    });
    expect(existing.status).toBe(201);
    expect(existing.body).toMatchObject({
      enrolment: {
        email: 'candidate@demo.test',
        endorsement: 'IECMH-E',
        examEndorsement: 'ECMH-E',
      },
      invited: null,
    });

    const created = await api.post(`/api/sittings/${sittingId}/enrolments`, {
      candidate: { kind: 'new', email: 'Fresh.Face@Demo.test', displayName: 'Fresh Face' },
      endorsement: 'ECMH-E',
      category: 'mental-health-mentor',
      track: 'clinical',
      examEndorsement: null,
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ enrolment: null, invited: { email: 'fresh.face@demo.test' } });
    const roster = (await api.get(`/api/sittings/${sittingId}/enrolments`)).body.enrolments;
    expect(roster.find((e: { email: string }) => e.email === 'fresh.face@demo.test')).toMatchObject(
      { variant: 'clinical' },
    );
    await acceptInvitation(t, 'fresh.face@demo.test');

    const associate = await api.post(`/api/sittings/${sittingId}/enrolments`, {
      candidate: { kind: 'new', email: 'assoc@demo.test', displayName: 'Assoc' },
      endorsement: 'IMH-E',
      category: 'family-associate',
      track: null,
      examEndorsement: null,
    });
    expect(associate.status).toBe(400);
    expect(associate.body.error.code).toBe('ENROLMENT_INVALID');
    expect(
      (await t.database.db.select().from(users).where(eq(users.email, 'assoc@demo.test'))).length,
    ).toBe(0);

    const duplicateAccount = await api.post(`/api/sittings/${sittingId}/enrolments`, {
      candidate: { kind: 'new', email: 'candidate@demo.test', displayName: 'Again' },
      endorsement: 'IMH-E',
      category: 'mental-health-specialist',
      track: null,
      examEndorsement: null,
    });
    expect(duplicateAccount.body.error.code).toBe('ALREADY_EXISTS');

    const withdrawn = await api.delete(
      `/api/sittings/${sittingId}/enrolments/${existing.body.enrolment.id}`,
    );
    expect(withdrawn.status).toBe(204);
    expect(await enrolledIn(sittingId)).toBe(1);
  });
});
