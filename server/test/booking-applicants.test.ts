import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importUsers } from '../src/modules/auth/index.js';
import { auditLog, authorisations, candidateProfiles, users } from '../src/db/schema/index.js';
import { associationB } from './helpers/association-b.js';
import { apiAs } from './helpers/coordinator.js';
import { acceptInvitation, mailsTo } from './helpers/invitations.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

const header = 'email,name,exam_endorsement,category,track,parts,reference';

/**
 * Approved applications name people the platform may not know yet (issue 22 item 1): an address
 * without an account here is invited exactly as the enrolment import invites, and the
 * authorisation waits on the invited account; an address held by another association answers
 * exactly the same and nothing is attached to it; an unknown address without a name is refused
 * by line, and then nothing is imported.
 */
describe('authorisations for applicants without an account', () => {
  let t: TestApp;
  let coordinator: ReturnType<typeof apiAs>;
  let heldElsewhereId: string;
  beforeAll(async () => {
    t = await createTestApp();
    coordinator = apiAs(t.app, await loginAs(t.app, 'coordinator@demo.test'));
    const b = await associationB(t.app, t.database.db);
    const ids = await importUsers(t.database.db, [
      {
        email: 'held@osa.example',
        displayName: 'Held Elsewhere',
        roles: ['candidate'],
        passwordHash: 'not-a-usable-hash',
        associationId: b.associationId,
      },
    ]);
    heldElsewhereId = ids.get('held@osa.example')!;
  });
  afterAll(() => t.close());

  const importCsv = (lines: string[], commit: boolean) =>
    coordinator.post('/api/bookings/authorisations/import', {
      csv: [header, ...lines].join('\n'),
      commit,
    });
  const authorisationsOf = (candidateId: string) =>
    t.database.db.select().from(authorisations).where(eq(authorisations.candidateId, candidateId));

  it('refuses an unknown address without a name by line, and imports nothing', async () => {
    const report = (
      await importCsv(
        [
          'candidate@demo.test,,IMH-E,mental-health-specialist,,both,APP-1',
          'nameless@new.test,,IMH-E,mental-health-specialist,,both,APP-2',
          'held@osa.example,,IMH-E,mental-health-specialist,,both,APP-3',
        ],
        true,
      )
    ).body;
    expect(report.committed).toBe(false);
    expect(report.rows.map((r: { errors: string[] }) => r.errors)).toEqual([
      [],
      [
        "No account of this association has the email nameless@new.test: give the applicant's name (the name column) to invite them.",
      ],
      [
        "No account of this association has the email held@osa.example: give the applicant's name (the name column) to invite them.",
      ],
    ]);
    expect(await mailsTo(t, 'nameless@new.test')).toHaveLength(0);
    const [known] = await t.database.db
      .select()
      .from(users)
      .where(eq(users.email, 'candidate@demo.test'));
    expect(await authorisationsOf(known!.id)).toHaveLength(0);
  });

  it('invites a new applicant, attaches the authorisation, and the applicant sees it', async () => {
    const lines = [
      'nora.new@new.test,Nora New,IMH-E,mental-health-specialist,,2,APP-10',
      'held@osa.example,Held Person,IMH-E,mental-health-specialist,,both,APP-11',
    ];
    const preview = (await importCsv(lines, false)).body;
    // A new address and one held elsewhere read exactly alike.
    expect(preview.rows.map((r: { action: string }) => r.action)).toEqual([
      'invite-and-grant',
      'invite-and-grant',
    ]);
    expect(preview.invited).toEqual([
      { email: 'nora.new@new.test' },
      { email: 'held@osa.example' },
    ]);
    expect(await mailsTo(t, 'nora.new@new.test')).toHaveLength(0);

    const done = (await importCsv(lines, true)).body;
    expect(done.committed).toBe(true);
    expect(done.invited).toEqual(preview.invited);
    const invitation = (await mailsTo(t, 'nora.new@new.test')).filter(
      (m) => m.kind === 'invitation',
    );
    expect(invitation).toHaveLength(1);
    const [nora] = await t.database.db
      .select()
      .from(users)
      .where(eq(users.email, 'nora.new@new.test'));
    expect(nora?.displayName).toBe('Nora New');
    // Nothing else is created: no candidate profile, only the authorisation.
    expect(
      await t.database.db
        .select()
        .from(candidateProfiles)
        .where(eq(candidateProfiles.userId, nora!.id)),
    ).toHaveLength(0);
    expect((await authorisationsOf(nora!.id)).map((a) => [a.parts, a.source])).toEqual([
      [[2], 'import'],
    ]);

    // The account held elsewhere gets nothing attached; its holder is told, not the association.
    expect(await authorisationsOf(heldElsewhereId)).toHaveLength(0);
    const held = await mailsTo(t, 'held@osa.example');
    expect(held.map((m) => [m.kind, m.associationId])).toEqual([
      ['authorisation-held-elsewhere', null],
    ]);
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, 'bookings.authorisation_held_elsewhere'),
          eq(auditLog.subjectId, heldElsewhereId),
        ),
      );
    expect(audit).toBeDefined();

    const cookie = await acceptInvitation(t, 'nora.new@new.test');
    const mine = (await apiAs(t.app, cookie).get('/api/bookings/mine')).body;
    expect(
      mine.authorisations.map((a: { reference: string; parts: number[]; valid: boolean }) => [
        a.reference,
        a.parts,
        a.valid,
      ]),
    ).toEqual([['APP-10', [2], true]]);
  });

  it('invites a new applicant named twice in one file once, with both authorisations', async () => {
    const done = (
      await importCsv(
        [
          'twice@new.test,Tess Twice,IMH-E,mental-health-specialist,,1,APP-20',
          'twice@new.test,Tess Twice,IMH-E,mental-health-specialist,,2,APP-21',
        ],
        true,
      )
    ).body;
    expect(done.committed).toBe(true);
    expect(done.invited).toEqual([{ email: 'twice@new.test' }]);
    expect(
      (await mailsTo(t, 'twice@new.test')).filter((m) => m.kind === 'invitation'),
    ).toHaveLength(1);
    const [tess] = await t.database.db
      .select()
      .from(users)
      .where(eq(users.email, 'twice@new.test'));
    expect((await authorisationsOf(tess!.id)).map((a) => a.reference).sort()).toEqual([
      'APP-20',
      'APP-21',
    ]);
  });

  it('the manual entry invites with a name and answers a held address the same way', async () => {
    const entry = (email: string, name: string | null) =>
      coordinator.post('/api/bookings/authorisations', {
        email,
        name,
        examEndorsement: 'IMH-E',
        category: 'mental-health-specialist',
        track: null,
        parts: [1, 2],
        reference: null,
      });
    const nameless = await entry('nobody.yet@new.test', null);
    expect(nameless.status).toBe(404);
    expect(nameless.body.error.message).toMatch(/give the applicant's name/);

    const fresh = await entry('otto.new@new.test', 'Otto New');
    const held = await entry('held@osa.example', 'Held Person');
    expect([fresh.status, held.status]).toEqual([201, 201]);
    expect(fresh.body).toEqual({ id: null, invited: { email: 'otto.new@new.test' } });
    expect(held.body).toEqual({ id: null, invited: { email: 'held@osa.example' } });
    expect(
      (await mailsTo(t, 'otto.new@new.test')).filter((m) => m.kind === 'invitation'),
    ).toHaveLength(1);
    expect(await authorisationsOf(heldElsewhereId)).toHaveLength(0);

    // A candidate of the association is granted as before, with the id.
    const member = await entry('candidate@demo.test', null);
    expect(member.status).toBe(201);
    expect(member.body).toEqual({ id: expect.any(String), invited: null });
  });
});
