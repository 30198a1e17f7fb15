import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sittings } from '../src/db/schema/index.js';
import { apiAs } from './helpers/coordinator.js';
import { demoSitting, ProctorSocket } from './helpers/proctor-fixture.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('face')]);

/**
 * The proctor's check-in panel rereads when its dashboard socket says a check-in changed: a
 * candidate's new evidence and a proctor's decision each reach every dashboard of the sitting,
 * with the enrolment's id only (the panel reads the evidence through its audited route).
 */
describe('check-in changes pushed to the dashboard', () => {
  let t: TestApp;
  let sittingId: string;
  let jordan: string;
  let dashboard: ProctorSocket;
  let second: ProctorSocket;
  beforeAll(async () => {
    t = await createTestApp({ listen: true });
    const demo = await demoSitting(t.database.db);
    sittingId = demo.sittingId;
    jordan = demo.enrolmentOf('mentor.clinical@demo.test');
    await t.database.db.update(sittings).set({ remote: true }).where(eq(sittings.id, sittingId));
    const proctorCookie = await loginAs(t.app, 'proctor@demo.test');
    dashboard = await ProctorSocket.connect(t.app, proctorCookie, sittingId);
    await dashboard.hello();
    second = await ProctorSocket.connect(
      t.app,
      await loginAs(t.app, 'coordinator@demo.test'),
      sittingId,
    );
    await second.hello();
  });
  afterAll(async () => {
    dashboard?.ws.close();
    second?.ws.close();
    await t.close();
  });

  it('announces a candidate’s photo and the proctor’s decision to every dashboard', async () => {
    const candidate = apiAs(t.app, await loginAs(t.app, 'mentor.clinical@demo.test'));
    const photo = await candidate.post('/api/check-in/mine/photos', {
      kind: 'face',
      dataBase64: jpeg.toString('base64'),
    });
    expect(photo.status).toBe(201);
    const pushed = await dashboard.next('check-in.changed', (m) => m.enrolmentId === jordan);
    expect(Object.keys(pushed).sort()).toEqual(['enrolmentId', 'serverTime', 'type']);
    await second.next('check-in.changed', (m) => m.enrolmentId === jordan);

    const proctor = apiAs(t.app, await loginAs(t.app, 'proctor@demo.test'));
    const refused = await proctor.post(`/api/proctoring/enrolments/${jordan}/check-in/decision`, {
      decision: 'refuse',
      reason: 'The ID photo is blurred: take it again.',
    });
    expect(refused.status).toBe(200);
    await dashboard.next('check-in.changed', (m) => m.enrolmentId === jordan);
    const roster = await proctor.get(`/api/proctoring/sittings/${sittingId}/check-ins`);
    const entry = roster.body.checkIns.find(
      (c: { enrolmentId: string }) => c.enrolmentId === jordan,
    );
    expect(entry).toMatchObject({ status: 'refused' });
  });

  it('announces the photos a refused candidate takes again', async () => {
    const candidate = apiAs(t.app, await loginAs(t.app, 'mentor.clinical@demo.test'));
    const again = await candidate.post('/api/check-in/mine/photos', {
      kind: 'id',
      dataBase64: jpeg.toString('base64'),
    });
    expect(again.status).toBe(201);
    await dashboard.next('check-in.changed', (m) => m.enrolmentId === jordan);
  });
});
