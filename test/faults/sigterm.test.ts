import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeCodes } from '@exam/shared/protocol';
import {
  CandidateFleet,
  createFaultDatabase,
  freePort,
  requireTestDatabaseUrl,
  seedOpenSitting,
  ServerProcess,
  TcpBalancer,
  verifyAcknowledgedSaves,
  type FaultDatabase,
} from './harness/index.js';

// Issue 16: SIGTERM one of two instances (a deploy) during a sitting. The instance flushes its
// group commit and closes its sockets with 1012; candidates reconnect at once through the load
// balancer to the other one. No acknowledged save lost, nobody told anything went wrong. The
// instances run the bundled server (server/dist, as `npm run start:prod` and the image do).
const CANDIDATES = 40;
/** Issue 16: candidates of an instance that stops are back on another one within 5 s. */
const BACK_WITHIN_MS = 5_000;

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

describe.skipIf(!process.env.TEST_DATABASE_URL && !process.env.CI)(
  'SIGTERM during a sitting (needs TEST_DATABASE_URL: a PostgreSQL server)',
  () => {
    let database: FaultDatabase | undefined;
    let servers: ServerProcess[] = [];
    let balancer: TcpBalancer | undefined;
    let fleet: CandidateFleet | undefined;

    beforeAll(() => {
      const build = spawnSync(process.execPath, ['scripts/build-server.mjs'], {
        cwd: repoRoot,
        encoding: 'utf8',
      });
      if (build.status !== 0) throw new Error(`server build failed:\n${build.stderr}`);
    });

    afterAll(async () => {
      fleet?.close();
      await Promise.all(servers.map((server) => server.kill()));
      await balancer?.close();
      await database?.drop();
    });

    it('loses no acknowledged save, closes with 1012 and every candidate is back on the other instance', async () => {
      database = await createFaultDatabase(requireTestDatabaseUrl());
      const seats = await seedOpenSitting(database.database.db, CANDIDATES);
      const ports = await Promise.all([freePort(), freePort()]);
      balancer = await TcpBalancer.start(ports);
      // Both instances answer at the balancer's origin, as behind Caddy.
      servers = await Promise.all(
        ports.map((port) =>
          ServerProcess.create({
            databaseUrl: database!.url,
            port,
            compiled: true,
            env: { PUBLIC_ORIGIN: balancer!.url },
          }),
        ),
      );
      await Promise.all(servers.map((server) => server.start()));
      const [stopping, staying] = servers as [ServerProcess, ServerProcess];

      fleet = CandidateFleet.start(seats, {
        url: `ws://127.0.0.1:${balancer.port}/ws/exam`,
        origin: balancer.url,
        saveEveryMs: [50, 150],
      });
      await fleet.waitAllResumed(0, 15_000);
      expect(
        balancer.handed.get(stopping.port),
        'candidates on the instance to stop',
      ).toBeGreaterThan(0);
      await fleet.waitAcked(fleet.ackedCount, CANDIDATES * 5, 15_000);

      const stoppedAt = Date.now();
      await stopping.kill('SIGTERM');
      const back = await fleet.waitAllAckedAfter(stoppedAt, BACK_WITHIN_MS + 5_000);
      const worstBackMs = Math.max(...back.map((at) => at - stoppedAt));
      await fleet.drain(15_000);
      const check = await verifyAcknowledgedSaves(database.url, fleet.members);

      const moved = fleet.members.filter((m) => m.sim.closeCodes.length > 0);
      console.log(
        `SIGTERM test: ${moved.length} of ${CANDIDATES} candidates moved instance, all back within ` +
          `${worstBackMs} ms; ${check.ackedSaves} saves acknowledged, ${check.lostSaves} lost`,
      );
      expect(stopping.exits.at(-1), `a clean exit:\n${stopping.tail()}`).toEqual({
        code: 0,
        signal: null,
      });
      expect(moved.length).toBeGreaterThan(0);
      // Every socket of the stopping instance was closed with "service restart", none cut.
      for (const member of moved)
        expect(member.sim.closeCodes).toEqual([closeCodes.SERVICE_RESTART]);
      expect(fleet.problems(), 'nothing a candidate would see as an error').toEqual([]);
      expect({
        lost: check.lostSaves,
        stale: check.staleAnswers,
        bad: check.inconsistencies,
      }).toEqual({ lost: 0, stale: 0, bad: 0 });
      expect(check.ackedSaves).toBe(fleet.sentCount);
      expect(worstBackMs).toBeLessThan(BACK_WITHIN_MS);
      expect(staying.running).toBe(true);
    }, 110_000);
  },
);
