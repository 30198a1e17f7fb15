import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../server/src/db/client.js';
import {
  CandidateFleet,
  seedOpenSitting,
  ServerProcess,
  verifyAcknowledgedSaves,
  type SaveCheck,
} from './harness/index.js';

// Issue 16: the embedded database (PGlite in DATA_DIR) survives a kill -9 of its server with
// every acknowledged answer intact. PGlite writes its files through the operating system like
// PostgreSQL (a killed process loses nothing the kernel already has; a power cut could, which
// is why live sittings run on PostgreSQL). Runs without PostgreSQL.
const CANDIDATES = 15;

const lossOf = (check: SaveCheck) => ({
  lost: check.lostSaves,
  stale: check.staleAnswers,
  bad: check.inconsistencies,
});

/** Opens the data directory in this process (the server is down) and checks every ack. */
async function checkOnDisk(dataDir: string, fleet: CandidateFleet): Promise<SaveCheck> {
  const database: Database = openDatabase({ dataDir });
  try {
    return await verifyAcknowledgedSaves(database, fleet.members);
  } finally {
    await database.close();
  }
}

describe('embedded database and kill -9', () => {
  let dataDir: string | undefined;
  let server: ServerProcess | undefined;
  let fleet: CandidateFleet | undefined;

  afterAll(async () => {
    fleet?.close();
    await server?.kill();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged answer in the data directory, and starts again on it', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'embedded-kill-'));
    const seeding = openDatabase({ dataDir });
    await seeding.migrate();
    const seats = await seedOpenSitting(seeding.db, CANDIDATES);
    await seeding.close();

    server = await ServerProcess.create({ dataDir });
    await server.start();
    fleet = CandidateFleet.start(seats, {
      url: server.wsUrl,
      origin: server.baseUrl,
      saveEveryMs: [40, 80],
    });
    await fleet.waitAllResumed(0, 20_000);
    await fleet.waitAcked(0, CANDIDATES * 15, 30_000);
    await server.kill('SIGKILL');
    // Any welcome after the kill is a resume: a candidate may reach the restarted server between
    // its listening and start() seeing it ready, before start() returns.
    const killedAt = Date.now();
    expect(server.exits.at(-1)?.signal).toBe('SIGKILL');

    // What the candidates were told is stored, read straight from the files the server left.
    const afterKill = await checkOnDisk(dataDir, fleet);
    console.log(
      `embedded kill -9: ${afterKill.ackedSaves} saves acknowledged before the kill, ` +
        `${afterKill.lostSaves} lost`,
    );
    expect(afterKill.ackedSaves).toBeGreaterThanOrEqual(CANDIDATES * 15);
    expect(lossOf(afterKill), afterKill.details.join('\n')).toEqual({ lost: 0, stale: 0, bad: 0 });

    // The same directory serves again: candidates resume and what they held back is stored.
    await server.start();
    await fleet.waitAllResumed(killedAt, 20_000);
    await fleet.drain(20_000);
    await server.kill('SIGTERM');
    const final = await checkOnDisk(dataDir, fleet);
    expect(lossOf(final), final.details.join('\n')).toEqual({ lost: 0, stale: 0, bad: 0 });
    expect(final.ackedSaves).toBe(fleet.sentCount);
    expect(fleet.problems()).toEqual([]);
  }, 110_000);
});
