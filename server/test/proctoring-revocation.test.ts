import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { closeCodes, PROCTOR_PROTOCOL_VERSION } from '@exam/shared/protocol';
import { userIdOf } from './helpers/grading-fixture.js';
import { demoSitting, post, ProctorSocket } from './helpers/proctor-fixture.js';
import { createTestApp, loginAs, TEST_ORIGIN, type TestApp } from './helpers/test-app.js';

/**
 * A dashboard was authorised at its upgrade; access taken away afterwards must end it. Before
 * this, a proctor taken off a sitting (or stripped of the role) kept receiving its roster,
 * candidates' names and incidents live for as long as the tab stayed open.
 */
let t: TestApp;
let sittingId: string;
let enrolmentOf: (email: string) => string;
let coordinator: string;

beforeAll(async () => {
  t = await createTestApp({ listen: true });
  ({ sittingId, enrolmentOf } = await demoSitting(t.database.db));
  coordinator = await loginAs(t.app, 'coordinator@demo.test');
}, 120_000);
afterAll(() => t.close());

function put(url: string, payload: object) {
  return t.app.inject({
    method: 'PUT',
    url,
    headers: { origin: TEST_ORIGIN, cookie: coordinator },
    payload,
  });
}

async function recordIncident(note: string) {
  const response = await post(
    t.app,
    coordinator,
    `/api/proctoring/sittings/${sittingId}/incidents`,
    {
      enrolmentId: enrolmentOf('mentor.clinical@demo.test'),
      category: 'other',
      note,
    },
  );
  expect(response.statusCode).toBe(201);
}

describe('a proctor whose access is taken away while watching', () => {
  it('is cut off when taken off the sitting, and hears nothing of it after', async () => {
    const proctorId = await userIdOf(t.database.db, 'proctor@demo.test');
    const proctor = await loginAs(t.app, 'proctor@demo.test');
    const socket = await ProctorSocket.connect(t.app, proctor, sittingId);
    await socket.hello();
    // A coordinator's dashboard of the same sitting is not theirs to lose.
    const watcher = await ProctorSocket.connect(t.app, coordinator, sittingId);
    await watcher.hello();

    const removed = await put(`/api/sittings/${sittingId}/proctors`, { proctorIds: [] });
    expect(removed.statusCode).toBe(200);
    expect(await socket.closed()).toBe(closeCodes.FORBIDDEN);

    await recordIncident('Recorded after the proctor was removed');
    await watcher.next('incident.recorded');
    expect(socket.messages.filter((m) => m.type === 'incident.recorded')).toEqual([]);
    expect(watcher.closeCode).toBeUndefined();
    watcher.close();

    // A new dashboard is refused at its upgrade, as for any unassigned proctor.
    await expect(ProctorSocket.connect(t.app, proctor, sittingId)).rejects.toThrow('403');
    expect(
      (await put(`/api/sittings/${sittingId}/proctors`, { proctorIds: [proctorId] })).statusCode,
    ).toBe(200);
  });

  it('gets no snapshot if access went elsewhere between the upgrade and hello', async () => {
    const proctor = await loginAs(t.app, 'proctor@demo.test');
    const socket = await ProctorSocket.connect(t.app, proctor, sittingId);
    // As another instance would change it: no local hook runs, so hello itself must check.
    const { rows } = (await t.database.db.execute(
      sql`delete from sitting_proctors where sitting_id = ${sittingId} returning proctor_id`,
    )) as unknown as { rows: { proctor_id: string }[] };
    expect(rows).toHaveLength(1);
    socket.ws.send(JSON.stringify({ type: 'hello', protocolVersion: PROCTOR_PROTOCOL_VERSION }));
    expect(await socket.closed()).toBe(closeCodes.FORBIDDEN);
    expect(socket.messages.filter((m) => m.type === 'dashboard.snapshot')).toEqual([]);
    await t.database.db.execute(
      sql`insert into sitting_proctors (sitting_id, proctor_id) values (${sittingId}, ${rows[0]!.proctor_id})`,
    );
  });

  it('is cut off when the proctor role is taken away', async () => {
    const proctorId = await userIdOf(t.database.db, 'proctor@demo.test');
    const socket = await ProctorSocket.connect(
      t.app,
      await loginAs(t.app, 'proctor@demo.test'),
      sittingId,
    );
    await socket.hello();
    const changed = await put(`/api/users/${proctorId}/roles`, { roles: [] });
    expect(changed.statusCode).toBe(200);
    expect(await socket.closed()).toBe(closeCodes.FORBIDDEN);
  });
});
