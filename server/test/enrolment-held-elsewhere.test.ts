import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { associationMembers, auditLog, candidateProfiles } from '../src/db/schema/index.js';
import { DEMO_CO_ASSOCIATION_ID } from '../src/seed/demo-people.js';
import { DEMO_CO_SITTING_NAME } from '../src/seed/demo-sitting.js';
import { apiAs, sittingInput } from './helpers/coordinator.js';
import { userIdOf } from './helpers/grading-fixture.js';
import { mailsTo } from './helpers/invitations.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

/**
 * Colorado's coordinator enrols an address only Michigan holds: the answer must be the one a new
 * address gets, nothing is attached to the account, and the holder is told in the programme's name.
 */
let t: TestApp;
let co: ReturnType<typeof apiAs>;
let caseyId: string;

const enrolCasey = {
  endorsement: 'IMH-E',
  category: 'mental-health-specialist',
  track: null,
  examEndorsement: 'IMH-E',
};

beforeAll(async () => {
  t = await createTestApp();
  co = apiAs(t.app, await loginAs(t.app, 'coordinator@co.demo.test'));
  caseyId = await userIdOf(t.database.db, 'candidate@demo.test');
});
afterAll(() => t.close());

describe('enrolling an account another association holds', () => {
  it('answers exactly as for a new address, attaches nothing, and tells the holder', async () => {
    const coSitting = (await co.get('/api/sittings')).body.sittings.find(
      (s: { name: string }) => s.name === DEMO_CO_SITTING_NAME,
    );
    const profileBefore = await t.database.db
      .select()
      .from(candidateProfiles)
      .where(eq(candidateProfiles.userId, caseyId));
    const membershipsBefore = await t.database.db
      .select()
      .from(associationMembers)
      .where(eq(associationMembers.userId, caseyId));
    const enrol = (email: string) =>
      co.post(`/api/sittings/${coSitting.id}/enrolments`, {
        ...enrolCasey,
        candidate: { kind: 'new', email, displayName: 'C. Candidate' },
      });
    const elsewhere = await enrol('candidate@demo.test');
    const nowhere = await enrol('brand.new.casey@demo.test');
    expect(elsewhere.status).toBe(nowhere.status);
    expect(elsewhere.raw.body.replace('candidate@demo.test', '<email>')).toBe(
      nowhere.raw.body.replace('brand.new.casey@demo.test', '<email>'),
    );
    expect(elsewhere.body).toEqual({ enrolment: null, invited: { email: 'candidate@demo.test' } });

    // Nothing attached: no membership, no enrolment, the shared profile untouched.
    expect(
      await t.database.db
        .select()
        .from(associationMembers)
        .where(eq(associationMembers.userId, caseyId)),
    ).toEqual(membershipsBefore);
    const roster = (await co.get(`/api/sittings/${coSitting.id}/enrolments`)).body.enrolments;
    expect(roster.map((e: { candidateId: string }) => e.candidateId)).not.toContain(caseyId);
    expect(
      await t.database.db
        .select()
        .from(candidateProfiles)
        .where(eq(candidateProfiles.userId, caseyId)),
    ).toEqual(profileBefore);
    expect((await co.get(`/api/candidates/${caseyId}`)).status).toBe(404);

    // The holder is told, in the programme's name; the asking association's Mail page and
    // pending invitations do not list it.
    const told = (await mailsTo(t, 'candidate@demo.test')).filter(
      (m) => m.kind === 'enrolment-held-elsewhere',
    );
    expect(told).toHaveLength(1);
    expect(told[0]!.associationId).toBeNull();
    expect(told[0]!.textBody).toContain(DEMO_CO_SITTING_NAME);
    expect((await mailsTo(t, 'candidate@demo.test')).some((m) => m.kind === 'invitation')).toBe(
      false,
    );
    const coMail = (await co.get('/api/mail/messages')).body;
    expect(JSON.stringify(coMail)).not.toContain('candidate@demo.test');
    const held = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'enrolment.held_elsewhere'));
    expect(held.map((a) => a.subjectId)).toContain(caseyId);
  });

  it('previews and imports an address held only elsewhere exactly as one nobody holds', async () => {
    const created = await co.post('/api/sittings', sittingInput({ name: 'Pueblo sitting' }));
    const url = `/api/sittings/${created.body.sitting.id}/enrolments/import`;
    const header = 'Email,Name,Endorsement,Category,Track,Exam Endorsement';
    const rowOf = (email: string, name: string) =>
      `${email},${name},ECMH-E,mental-health-mentor,policy,ECMH-E`;
    const preview = async (email: string, name: string, createAccounts: boolean) => {
      const report = await co.post(url, {
        csv: [header, rowOf(email, name)].join('\n'),
        createAccounts,
        commit: false,
      });
      expect(report.status).toBe(200);
      return JSON.parse(report.raw.body.replaceAll(email, '<email>'));
    };
    // Held by Michigan only, or by nobody: Colorado's coordinator gets the same answer, with
    // or without account creation, with or without a name.
    for (const createAccounts of [false, true]) {
      for (const name of ['', 'Morgan Mentor']) {
        const elsewhere = await preview('mentor.policy@demo.test', name, createAccounts);
        const nowhere = await preview('nobody.at.all@demo.test', name, createAccounts);
        expect(elsewhere).toEqual(nowhere);
      }
    }
    expect((await preview('mentor.policy@demo.test', 'M', true)).rows[0].action).toBe(
      'create-and-enrol',
    );

    const report = await co.post(url, {
      csv: [header, rowOf('mentor.policy@demo.test', 'Morgan Mentor')].join('\n'),
      createAccounts: true,
      commit: true,
    });
    expect(report.status).toBe(200);
    // The same answer as for a new address; the existing account is left alone.
    expect(report.body).toMatchObject({
      committed: true,
      validCount: 1,
      invited: [{ email: 'mentor.policy@demo.test' }],
    });
    const mentorId = await userIdOf(t.database.db, 'mentor.policy@demo.test');
    const memberships = await t.database.db
      .select()
      .from(associationMembers)
      .where(eq(associationMembers.userId, mentorId));
    expect(memberships.map((m) => m.associationId)).not.toContain(DEMO_CO_ASSOCIATION_ID);
    const roster = await co.get(`/api/sittings/${created.body.sitting.id}/enrolments`);
    expect(roster.body.enrolments).toEqual([]);
    expect(
      (await mailsTo(t, 'mentor.policy@demo.test')).map((m) => [m.kind, m.associationId]),
    ).toContainEqual(['enrolment-held-elsewhere', null]);
  });
});
