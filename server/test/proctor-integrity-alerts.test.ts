import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, sittings } from '../src/db/schema/index.js';
import { demoSitting, ProctorSocket } from './helpers/proctor-fixture.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

/**
 * A Safe Exam Browser refusal on the proctor's dashboard says which check failed, and is still
 * there (acknowledged or not) after the proctor reloads the page: it was only ever pushed live,
 * so a reload or a reconnect of the dashboard lost it.
 */
const CONFIG_KEY = 'a3f1c0de5eb0000000000000000000000000000000000000000000000000beef';
let t: TestApp;
let sittingId: string;
let enrolmentOf: (email: string) => string;

beforeAll(async () => {
  t = await createTestApp({ listen: true });
  ({ sittingId, enrolmentOf } = await demoSitting(t.database.db));
});
afterAll(() => t.close());

describe('Safe Exam Browser refusals on the dashboard', () => {
  it('names the failed check and keeps the alert, and its acknowledgement, across a reload', async () => {
    const proctor = await loginAs(t.app, 'proctor@demo.test');
    const candidate = await loginAs(t.app, 'mentor.policy@demo.test');
    await t.database.db
      .update(sittings)
      .set({ policies: { seb: { required: true, configKeys: [CONFIG_KEY], browserExamKeys: [] } } })
      .where(eq(sittings.id, sittingId));
    const live = await ProctorSocket.connect(t.app, proctor, sittingId);
    await live.hello();

    const refused = await t.app.inject({
      url: '/api/proctoring/lobby',
      headers: { cookie: candidate },
    });
    expect(refused.json().error.code).toBe('SEB_REQUIRED');
    const { alert } = await live.next('alert.raised', (m) => m.alert.kind === 'integrity');
    expect(alert.enrolmentId).toBe(enrolmentOf('mentor.policy@demo.test'));
    expect(alert.message).toMatch(/sent no Safe Exam Browser Config Key/);
    // The audit entry is written beside the refusal: wait for it before reading the page again.
    await expect
      .poll(
        async () =>
          (await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'seb.refused')))
            .length,
      )
      .toBe(1);

    const reloaded = await ProctorSocket.connect(t.app, proctor, sittingId);
    const snapshot = await reloaded.hello();
    expect(snapshot.alerts.filter((a) => a.kind === 'integrity')).toEqual([alert]);
    reloaded.close();

    live.ws.send(JSON.stringify({ type: 'alert.acknowledge', alertIds: [alert.id] }));
    await live.next('alert.acknowledged');
    const again = await ProctorSocket.connect(t.app, proctor, sittingId);
    expect((await again.hello()).alerts.find((a) => a.id === alert.id)?.acknowledged).toBe(true);
    again.close();
    live.close();
  });
});
