import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeCodes } from '@exam/shared/protocol';
import { userIdOf } from './helpers/grading-fixture.js';
import { demoSitting, ProctorSocket } from './helpers/proctor-fixture.js';
import { loginAs, TEST_ORIGIN } from './helpers/test-app.js';
import { createTwoInstances, type TwoInstances } from './helpers/two-instances.js';

/**
 * A proctor's dashboard is served by whichever instance its socket reached; what happens on
 * another instance must reach it all the same (issue 16). Before this, a Safe Exam Browser
 * refusal, an acknowledged alert and a proctor taken off the sitting reached only the
 * dashboards of the instance where they happened.
 */
let t: TwoInstances;
let sittingId: string;
let enrolmentOf: (email: string) => string;
const sockets: ProctorSocket[] = [];

beforeAll(async () => {
  t = await createTwoInstances({ listen: true });
  ({ sittingId, enrolmentOf } = await demoSitting(t.database.db));
}, 120_000);
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await t?.close();
});

async function dashboard(on: TwoInstances['a'], email: string): Promise<ProctorSocket> {
  const socket = await ProctorSocket.connect(on, await loginAs(on, email), sittingId);
  sockets.push(socket);
  await socket.hello();
  return socket;
}

describe('dashboards on another instance', () => {
  it('hear a Safe Exam Browser refusal made on another instance, once a minute, and its acknowledgement', async () => {
    const onA = await dashboard(t.a, 'coordinator@demo.test');
    const onB = await dashboard(t.b, 'proctor@demo.test');
    const candidateId = await userIdOf(t.database.db, 'mentor.policy@demo.test');
    const refusal = {
      candidateId,
      sittingId,
      url: '/ws/exam',
      reason: 'no config key hash',
      at: Date.now(),
    };
    // The candidate's browser is refused on every request; all of them reached instance A.
    t.a.exam.sebRefusals.emit('refused', refusal);
    t.a.exam.sebRefusals.emit('refused', refusal);

    const heardOnB = await onB.next('alert.raised', (m) => m.alert.kind === 'integrity');
    const raisedOnA = await onA.next('alert.raised', (m) => m.alert.kind === 'integrity');
    expect(heardOnB.alert).toMatchObject({
      kind: 'integrity',
      enrolmentId: enrolmentOf('mentor.policy@demo.test'),
      acknowledged: false,
    });
    // The same alert on both: acknowledging it on one instance settles it on the other.
    expect(heardOnB.alert.id).toBe(raisedOnA.alert.id);
    // Both say which check failed.
    expect(heardOnB.alert.message).toBe(raisedOnA.alert.message);
    expect(heardOnB.alert.message).toMatch(/sent no Safe Exam Browser Config Key/);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(onB.messages.filter((m) => m.type === 'alert.raised')).toEqual([]);

    onA.ws.send(JSON.stringify({ type: 'alert.acknowledge', alertIds: [raisedOnA.alert.id] }));
    expect((await onA.next('alert.acknowledged')).alertIds).toEqual([raisedOnA.alert.id]);
    const acknowledgedOnB = await onB.next('alert.acknowledged');
    expect(acknowledgedOnB.alertIds).toContain(heardOnB.alert.id);
    onA.close();
    onB.close();
  });

  it('cut off a proctor taken off the sitting on another instance at once', async () => {
    const proctorId = await userIdOf(t.database.db, 'proctor@demo.test');
    const watching = await dashboard(t.b, 'proctor@demo.test');
    const coordinator = await loginAs(t.a, 'coordinator@demo.test');
    const put = (proctorIds: string[]) =>
      t.a.inject({
        method: 'PUT',
        url: `/api/sittings/${sittingId}/proctors`,
        headers: { origin: TEST_ORIGIN, cookie: coordinator },
        payload: { proctorIds },
      });

    try {
      expect((await put([])).statusCode).toBe(200);
      expect(await watching.closed()).toBe(closeCodes.FORBIDDEN);
    } finally {
      expect((await put([proctorId])).statusCode).toBe(200);
    }
  });

  it('cut off a proctor whose role was taken away on another instance at once', async () => {
    const proctorId = await userIdOf(t.database.db, 'proctor@demo.test');
    const watching = await dashboard(t.b, 'proctor@demo.test');
    const changed = await t.a.inject({
      method: 'PUT',
      url: `/api/users/${proctorId}/roles`,
      headers: { origin: TEST_ORIGIN, cookie: await loginAs(t.a, 'coordinator@demo.test') },
      payload: { roles: [] },
    });
    expect(changed.statusCode).toBe(200);
    expect(await watching.closed()).toBe(closeCodes.FORBIDDEN);
  });
});
