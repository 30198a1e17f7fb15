import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSitting, post, ProctorSocket, unassignedProctor } from './helpers/proctor-fixture.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

let t: TestApp;
let sittingId: string;
let enrolmentOf: (email: string) => string;

beforeAll(async () => {
  t = await createTestApp({ listen: true });
  ({ sittingId, enrolmentOf } = await demoSitting(t.database.db));
});
afterAll(() => t.close());

describe('who may watch and act on a sitting', () => {
  it('lets the assigned proctor, a coordinator and an admin watch the live dashboard', async () => {
    for (const email of ['proctor@demo.test', 'coordinator@demo.test', 'admin@demo.test']) {
      const socket = await ProctorSocket.connect(t.app, await loginAs(t.app, email), sittingId);
      const snapshot = await socket.hello();
      expect(snapshot.sitting.id).toBe(sittingId);
      expect(snapshot.candidates.map((c) => c.name)).toContain('Jordan Clinician');
      socket.close();
    }
  });

  it('refuses a proctor who is not assigned: no dashboard, no actions, no sittings listed', async () => {
    const elsewhere = await unassignedProctor(t.app);
    await expect(ProctorSocket.connect(t.app, elsewhere, sittingId)).rejects.toThrow('403');
    const jordan = enrolmentOf('mentor.clinical@demo.test');
    const admit = await post(t.app, elsewhere, `/api/proctoring/enrolments/${jordan}/admit`);
    expect(admit.statusCode).toBe(403);
    expect(admit.json().error.code).toBe('NOT_ASSIGNED');
    const room = await post(t.app, elsewhere, `/api/proctoring/sittings/${sittingId}/pause`, {
      reason: 'not mine to pause',
    });
    expect(room.statusCode).toBe(403);
    const list = await t.app.inject({
      url: '/api/proctoring/sittings',
      headers: { cookie: elsewhere },
    });
    expect(list.json().sittings).toEqual([]);

    const assigned = await t.app.inject({
      url: '/api/proctoring/sittings',
      headers: { cookie: await loginAs(t.app, 'proctor@demo.test') },
    });
    expect(assigned.json().sittings).toEqual([
      expect.objectContaining({ id: sittingId, candidateCount: 4 }),
    ]);
  });

  it('refuses candidates, other roles, no session and foreign origins on the dashboard socket', async () => {
    const candidate = await loginAs(t.app, 'candidate@demo.test');
    await expect(ProctorSocket.connect(t.app, candidate, sittingId)).rejects.toThrow('403');
    const grader = await loginAs(t.app, 'grader1@demo.test');
    await expect(ProctorSocket.connect(t.app, grader, sittingId)).rejects.toThrow('403');
    await expect(ProctorSocket.connect(t.app, undefined, sittingId)).rejects.toThrow('401');
    const proctor = await loginAs(t.app, 'proctor@demo.test');
    await expect(
      ProctorSocket.connect(t.app, proctor, sittingId, 'https://evil.example'),
    ).rejects.toThrow('403');
    await expect(ProctorSocket.connect(t.app, proctor, 'not-a-uuid')).rejects.toThrow('400');
  });

  it('answers an unknown candidate with 404, not a hint about other sittings', async () => {
    const proctor = await loginAs(t.app, 'proctor@demo.test');
    const response = await post(
      t.app,
      proctor,
      '/api/proctoring/enrolments/00000000-0000-4000-8000-000000000000/admit',
    );
    expect(response.statusCode).toBe(404);
  });

  it('refuses a dashboard speaking another protocol version', async () => {
    const proctor = await loginAs(t.app, 'proctor@demo.test');
    const socket = await ProctorSocket.connect(t.app, proctor, sittingId);
    socket.ws.send(JSON.stringify({ type: 'hello', protocolVersion: 999 }));
    expect((await socket.next('error')).code).toBe('PROTOCOL_VERSION');
    socket.close();
  });
});

describe('integrity alerts', () => {
  it('tells the dashboard when a candidate is refused by the Safe Exam Browser check, once a minute', async () => {
    const proctor = await loginAs(t.app, 'proctor@demo.test');
    const socket = await ProctorSocket.connect(t.app, proctor, sittingId);
    await socket.hello();
    const candidateId = (
      await t.app.inject({
        url: '/api/auth/session',
        headers: { cookie: await loginAs(t.app, 'mentor.policy@demo.test') },
      })
    ).json().user.id;
    const refusal = {
      candidateId,
      sittingId,
      url: '/ws/exam',
      reason: 'no config key hash',
      at: Date.now(),
    };
    t.app.exam.sebRefusals.emit('refused', refusal);
    t.app.exam.sebRefusals.emit('refused', refusal);
    const alert = await socket.next('alert.raised');
    expect(alert.alert).toMatchObject({
      kind: 'integrity',
      enrolmentId: enrolmentOf('mentor.policy@demo.test'),
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(socket.messages.filter((m) => m.type === 'alert.raised')).toHaveLength(0);
    socket.close();
  });
});
