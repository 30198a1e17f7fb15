import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incidents } from '../src/db/schema/index.js';
import { acknowledgeAlerts } from '../src/modules/proctoring/alert-acks.repo.js';
import { userIdOf } from './helpers/grading-fixture.js';
import { demoSitting, ProctorSocket } from './helpers/proctor-fixture.js';
import { loginAs } from './helpers/test-app.js';
import { createTwoInstances, type TwoInstances } from './helpers/two-instances.js';

/**
 * Another instance's incident or alert acknowledgement reaches this instance's dashboards by
 * NOTIFY. When this instance's LISTEN connection drops, what was published meanwhile is lost;
 * the bus reconnects and resyncs, and the dashboards reread the rows, but the incidents and the
 * acknowledged alerts were not among what they reread: a proctor here never saw them until a
 * reload. Needs PostgreSQL's bus (the embedded database is one process, with no gap to miss).
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)(
  'a dashboard after its bus reconnects (needs TEST_DATABASE_URL)',
  () => {
    let t: TwoInstances;
    let sittingId: string;
    beforeAll(async () => {
      t = await createTwoInstances({ listen: true });
      ({ sittingId } = await demoSitting(t.database.db));
    }, 120_000);
    afterAll(() => t?.close());

    it('hears the incidents and acknowledgements it missed while its LISTEN was cut', async () => {
      const proctor = await loginAs(t.b, 'proctor@demo.test');
      const dashboard = await ProctorSocket.connect(t.b, proctor, sittingId);
      const snapshot = await dashboard.hello();
      expect(snapshot.incidents).toEqual([]);

      // Written by instance A, whose NOTIFYs B will not hear.
      const coordinatorId = await userIdOf(t.database.db, 'coordinator@demo.test');
      const [missed] = await t.database.db
        .insert(incidents)
        .values({
          sittingId,
          category: 'environment',
          note: 'Fire alarm in the other room',
          recordedBy: coordinatorId,
          recordedAt: t.clock.now(),
        })
        .returning({ id: incidents.id });
      const alertId = 'connection-4242';
      await acknowledgeAlerts(t.database.db, sittingId, [alertId], coordinatorId, t.clock.now());

      const heardIncident = dashboard.next(
        'incident.recorded',
        (m) => m.incident.id === missed!.id,
      );
      const heardAck = dashboard.next('alert.acknowledged', (m) => m.alertIds.includes(alertId));
      // The instances' LISTEN connections drop (the test's database is its own: no other is cut).
      await t.database.db.execute(
        sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid()
              AND query LIKE 'LISTEN%'`,
      );
      expect((await heardIncident).incident).toMatchObject({
        note: 'Fire alarm in the other room',
        candidateName: null,
      });
      await heardAck;
      dashboard.close();
    });
  },
);
