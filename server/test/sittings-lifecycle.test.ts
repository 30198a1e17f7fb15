import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, sittings } from '../src/db/schema/index.js';
import { apiAs, sittingInput } from './helpers/coordinator.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

let t: TestApp;
let api: ReturnType<typeof apiAs>;
let forms: Record<string, string>;
let sets: { id: string; variant: string; audience: string; endorsement: string | null }[];
let proctorId: string;
let graderId: string;

beforeAll(async () => {
  t = await createTestApp();
  api = apiAs(t.app, await loginAs(t.app, 'coordinator@demo.test'));
  const listed = (await api.get('/api/bank/forms')).body.forms as {
    id: string;
    endorsement: string;
    status: string;
  }[];
  forms = Object.fromEntries(
    listed.filter((f) => f.status === 'active').map((f) => [f.endorsement, f.id]),
  );
  sets = (await api.get('/api/vignette-sets')).body.sets;
  const users = (await api.get('/api/users')).body.users as { id: string; email: string }[];
  proctorId = users.find((u) => u.email === 'proctor@demo.test')!.id;
  graderId = users.find((u) => u.email === 'grader1@demo.test')!.id;
});
afterAll(() => t.close());

async function auditActions(subjectId: string): Promise<string[]> {
  const rows = await t.database.db.select().from(auditLog).where(eq(auditLog.subjectId, subjectId));
  return rows.map((r) => r.action);
}

async function transition(id: string, to: string) {
  return api.post(`/api/sittings/${id}/transition`, { to });
}

describe('creating and editing sittings', () => {
  it('creates a draft with its cycle, wall-clock start in its time zone, place and proctors', async () => {
    const created = await api.post(
      '/api/sittings',
      sittingInput({
        proctorIds: [proctorId],
        forms: { 'IMH-E': forms['IMH-E']!, 'ECMH-E': null },
      }),
    );
    expect(created.status).toBe(201);
    const sitting = created.body.sitting;
    expect(sitting).toMatchObject({
      status: 'draft',
      applicationCycle: '2027-Q1',
      cycleLabel: '2027-Q1 (deadline 31 January 2027)',
      date: '2027-03-12',
      startTime: '09:30',
      // Detroit keeps standard time (UTC-5) until 14 March 2027.
      startsAt: '2027-03-12T14:30:00.000Z',
      location: 'Conference room B, 100 Main St',
      allowedTransitions: ['scheduled'],
      editable: true,
      policies: { paste: 'plain-text', wordLimit: 1500, partTwoPassingRule: {} },
    });
    expect(sitting.proctors.map((p: { id: string }) => p.id)).toEqual([proctorId]);
    expect(await auditActions(sitting.id)).toEqual(['sitting.create']);

    const edited = await api.put(
      `/api/sittings/${sitting.id}`,
      sittingInput({
        name: 'Spring sitting (remote)',
        remote: true,
        location: 'ignored when remote',
        policies: {
          spellcheck: true,
          paste: 'blocked',
          wordLimit: null,
          partTwoPassingRule: { policy: { minLevelPerCriterion: 2, minTotalPerResponse: 9 } },
          seb: { required: true, configKeys: ['ab'.repeat(32)], browserExamKeys: [] },
        },
      }),
    );
    expect(edited.status).toBe(200);
    expect(edited.body.sitting).toMatchObject({
      name: 'Spring sitting (remote)',
      remote: true,
      location: null,
      proctors: [],
      policies: {
        spellcheck: true,
        paste: 'blocked',
        partTwoPassingRule: { policy: { minLevelPerCriterion: 2, minTotalPerResponse: 9 } },
        seb: { required: true, configKeys: ['ab'.repeat(32)] },
      },
    });
    expect(await auditActions(sitting.id)).toEqual(['sitting.create', 'sitting.update']);
  });

  it('refuses requiring Safe Exam Browser without a Config Key, or with a malformed one', async () => {
    const base = sittingInput({});
    for (const seb of [
      { required: true, configKeys: [], browserExamKeys: [] },
      { required: true, configKeys: ['not-hex'], browserExamKeys: [] },
    ]) {
      const refused = await api.post('/api/sittings', {
        ...base,
        policies: { ...base.policies, seb },
      });
      expect(refused.status).toBe(400);
    }
  });

  it('refuses a non-proctor as proctor, a form of the wrong endorsement and unknown input', async () => {
    const notProctor = await api.post('/api/sittings', sittingInput({ proctorIds: [graderId] }));
    expect(notProctor.status).toBe(400);
    const wrongForm = await api.post(
      '/api/sittings',
      sittingInput({ forms: { 'IMH-E': forms['ECMH-E']!, 'ECMH-E': null } }),
    );
    expect(wrongForm.status).toBe(400);
    expect(wrongForm.body.error.message).toMatch(/IMH-E form/);
    const badZone = await api.post('/api/sittings', sittingInput({ timeZone: 'Mars/Olympus' }));
    expect(badZone.status).toBe(400);
    const badCycle = await api.post('/api/sittings', sittingInput({ applicationCycle: '2027-Q5' }));
    expect(badCycle.status).toBe(400);
  });
});

describe('the sitting state machine', () => {
  it('needs a date, place and cycle to schedule, and refuses moves it does not allow', async () => {
    const draft = (
      await api.post(
        '/api/sittings',
        sittingInput({ date: null, startTime: null, applicationCycle: null }),
      )
    ).body.sitting;
    const incomplete = await transition(draft.id, 'scheduled');
    expect(incomplete.status).toBe(409);
    expect(incomplete.body.error.code).toBe('SITTING_INCOMPLETE');
    expect(incomplete.body.error.message).toMatch(/application cycle.*date and start time/);

    for (const to of ['open', 'closed']) {
      const illegal = await transition(draft.id, to);
      expect(illegal.status).toBe(409);
      expect(illegal.body.error.code).toBe('ILLEGAL_TRANSITION');
    }
    // Release is the results page's move, never the console's.
    expect((await transition(draft.id, 'released')).status).toBe(400);

    await api.put(`/api/sittings/${draft.id}`, sittingInput());
    const scheduled = await transition(draft.id, 'scheduled');
    expect(scheduled.status).toBe(200);
    expect(scheduled.body.sitting.allowedTransitions).toEqual(['draft', 'open']);
    // A scheduled sitting may not lose its schedule by an edit.
    const unscheduling = await api.put(
      `/api/sittings/${draft.id}`,
      sittingInput({ date: null, startTime: null }),
    );
    expect(unscheduling.body.error.code).toBe('SITTING_INCOMPLETE');
    expect((await transition(draft.id, 'draft')).body.sitting.status).toBe('draft');
    expect(await auditActions(draft.id)).toEqual([
      'sitting.create',
      'sitting.update',
      'sitting.status',
      'sitting.status',
    ]);
  });

  it('opens only with a form and a vignette set for every enrolled candidate, then locks', async () => {
    // The demo sitting is open with every demo candidate; close it so they may sit this one.
    const [demo] = await t.database.db.select().from(sittings).where(eq(sittings.status, 'open'));
    expect((await transition(demo!.id, 'closed')).body.sitting.status).toBe('closed');

    const sitting = (await api.post('/api/sittings', sittingInput())).body.sitting;
    await transition(sitting.id, 'scheduled');
    expect((await api.get(`/api/sittings/${sitting.id}/readiness`)).body).toEqual({
      ready: false,
      problems: [{ code: 'NO_CANDIDATES', message: 'No candidate is enrolled yet.' }],
    });

    const csv = [
      'email,endorsement,category,track',
      'candidate@demo.test,IMH-E,mental-health-specialist,',
      'mentor.policy@demo.test,ECMH-E,mental-health-mentor,policy',
    ].join('\n');
    const imported = await api.post(`/api/sittings/${sitting.id}/enrolments/import`, {
      csv,
      createAccounts: false,
      commit: true,
    });
    expect(imported.body.committed).toBe(true);

    const refused = await transition(sitting.id, 'open');
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('SITTING_NOT_READY');
    const codes = refused.body.error.details.problems.map((p: { code: string }) => p.code);
    expect(codes.sort()).toEqual([
      'FORM_MISSING',
      'FORM_MISSING',
      'VIGNETTE_SET_MISSING',
      'VIGNETTE_SET_MISSING',
    ]);

    // The IMH-E form and only the Specialist set: still short of ECMH-E and the Policy set.
    const specialistSet = sets.find(
      (s) => s.variant === 'clinical' && s.audience === 'specialist' && s.endorsement !== 'ECMH-E',
    )!;
    await api.put(
      `/api/sittings/${sitting.id}`,
      sittingInput({
        forms: { 'IMH-E': forms['IMH-E']!, 'ECMH-E': null },
        vignetteSetIds: [specialistSet.id],
      }),
    );
    const partly = (await api.get(`/api/sittings/${sitting.id}/readiness`)).body;
    expect(partly.problems.map((p: { message: string }) => p.message)).toEqual([
      'No Part One form is chosen for ECMH-E (1 candidate sit it).',
      'No active vignette set fits Mentor-Policy candidates sitting ECMH-E (1 candidate).',
    ]);

    const policySet = sets.find((s) => s.variant === 'policy')!;
    await api.put(
      `/api/sittings/${sitting.id}`,
      sittingInput({
        forms: { 'IMH-E': forms['IMH-E']!, 'ECMH-E': forms['ECMH-E']! },
        vignetteSetIds: [specialistSet.id, policySet.id],
      }),
    );
    expect((await api.get(`/api/sittings/${sitting.id}/readiness`)).body.ready).toBe(true);
    const opened = await transition(sitting.id, 'open');
    expect(opened.status).toBe(200);
    expect(opened.body.sitting).toMatchObject({
      status: 'open',
      editable: false,
      allowedTransitions: ['closed'],
    });

    const edit = await api.put(`/api/sittings/${sitting.id}`, sittingInput());
    expect(edit.body.error.code).toBe('SITTING_LOCKED');
    const lateEnrolment = await api.post(`/api/sittings/${sitting.id}/enrolments/import`, {
      csv: 'email,endorsement,category,track\nmentor.clinical@demo.test,ECMH-E,mental-health-mentor,clinical',
      createAccounts: false,
      commit: true,
    });
    expect(lateEnrolment.body.error.code).toBe('SITTING_LOCKED');
    // Proctors may still change on the day.
    const swapped = await api.put(`/api/sittings/${sitting.id}/proctors`, {
      proctorIds: [proctorId],
    });
    expect(swapped.body.sitting.proctors).toHaveLength(1);

    // The candidate's exam now finds this sitting.
    const [candidate] = (await api.get('/api/candidates')).body.candidates.filter(
      (c: { email: string }) => c.email === 'candidate@demo.test',
    );
    const context = await t.app.exam.delivery.openForCandidate(candidate.id);
    expect(context.sittingName).toBe('Spring sitting');

    expect((await transition(sitting.id, 'open')).body.error.code).toBe('ILLEGAL_TRANSITION');
    expect((await transition(sitting.id, 'closed')).body.sitting.status).toBe('closed');
    expect((await transition(sitting.id, 'open')).body.error.code).toBe('ILLEGAL_TRANSITION');
    expect((await transition(sitting.id, 'draft')).body.error.code).toBe('ILLEGAL_TRANSITION');
  });

  it('refuses to open a sitting whose candidates are in another open sitting', async () => {
    const first = (await api.post('/api/sittings', sittingInput({ name: 'First' }))).body.sitting;
    const second = (await api.post('/api/sittings', sittingInput({ name: 'Second' }))).body.sitting;
    for (const s of [first, second]) {
      await api.put(
        `/api/sittings/${s.id}`,
        sittingInput({
          name: s.name,
          forms: { 'IMH-E': forms['IMH-E']!, 'ECMH-E': null },
          vignetteSetIds: sets.map((x) => x.id),
        }),
      );
      await api.post(`/api/sittings/${s.id}/enrolments/import`, {
        csv: 'email,endorsement,category\ncandidate@demo.test,IMH-E,mental-health-specialist',
        createAccounts: false,
        commit: true,
      });
      await transition(s.id, 'scheduled');
    }
    expect((await transition(first.id, 'open')).status).toBe(200);
    const clash = await transition(second.id, 'open');
    expect(clash.body.error.code).toBe('SITTING_NOT_READY');
    expect(clash.body.error.message).toMatch(
      /: Casey Candidate \(candidate@demo\.test\) is also enrolled in "First", which is open/,
    );
  });
});
