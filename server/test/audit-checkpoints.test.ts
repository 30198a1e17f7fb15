import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey } from '../src/lib/ed25519.js';
import { createAuditService, createCheckpointer } from '../src/modules/audit/index.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/**
 * A tail removed by the database owner, with the append-only triggers out of the way, passes a
 * walk of the chain alone; the signed checkpoints are what give it away.
 */
const key = generateSigningKey();
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ seed: false });
});
afterAll(() => t.close());

function checkpointer(everyEntries = 5) {
  return createCheckpointer({
    db: t.database.db,
    clock: t.clock,
    key,
    everyEntries,
    everyMs: 5 * 60_000,
    log: () => undefined,
  });
}

async function appendEntries(n: number, tag: string): Promise<void> {
  const audit = createAuditService({ clock: t.clock });
  for (let i = 0; i < n; i += 1) {
    await audit.appendNow(t.database.db, {
      actorId: null,
      action: 'test.entry',
      subjectType: 'test',
      subjectId: `${tag}-${i}`,
    });
  }
}

async function verify() {
  return createAuditService({ clock: t.clock }).verify(t.database.db, [key.publicKey]);
}

describe('audit checkpoints', () => {
  it('signs after N entries, or after M minutes with anything new, and not otherwise', async () => {
    const signer = checkpointer(5);
    await appendEntries(4, 'a');
    expect(await signer.tick()).toBeNull();
    await appendEntries(1, 'a');
    expect(await signer.tick()).toMatchObject({ count: 5, keyId: key.keyId });
    await appendEntries(2, 'b');
    expect(await signer.tick()).toBeNull();
    t.clock.advance(5 * 60_000);
    expect(await signer.tick()).toMatchObject({ count: 7 });
    t.clock.advance(10 * 60_000);
    expect(await signer.tick()).toBeNull();
    const report = await verify();
    expect(report).toMatchObject({ ok: true, entries: 7, checkpoints: 2, signaturesChecked: true });
    expect(report.lastCheckpoint).toMatchObject({ count: 7, headId: report.head?.id });
  });

  it('reports a tail deleted with the triggers disabled', async () => {
    await appendEntries(3, 'c');
    const signed = await checkpointer().checkpointNow();
    expect(signed?.count).toBe(10);
    const db = t.database.db;
    await db.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
    await db.execute(sql`DELETE FROM audit_log WHERE subject_id IN ('c-1', 'c-2')`);
    await db.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`);

    // What the chain alone says: intact. The checkpoint says otherwise.
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.entries).toBe(8);
    expect(report.firstBreak?.atId).toBe(signed?.headId);
    expect(report.firstBreak?.reason).toContain('entries were removed from its end');
  });

  it('will not sign a chain that no longer extends the last checkpoint', async () => {
    await appendEntries(6, 'd');
    await expect(checkpointer().checkpointNow()).rejects.toThrow(/broken at entry/);
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.checkpoints).toBe(3);
  });
});

describe('as the owner in replica mode (no trigger fires)', () => {
  let p: TestApp;
  beforeAll(async () => {
    p = await createTestApp({ seed: false });
  });
  afterAll(() => p.close());

  it('reports a tail deleted with session_replication_role = replica', async () => {
    const audit = createAuditService({ clock: p.clock });
    for (let i = 0; i < 4; i += 1) {
      await audit.appendNow(p.database.db, {
        actorId: null,
        action: 'test.entry',
        subjectType: 'test',
        subjectId: String(i),
      });
    }
    const signer = createCheckpointer({
      db: p.database.db,
      clock: p.clock,
      key,
      everyEntries: 100,
      everyMs: 60_000,
      log: () => undefined,
    });
    const signed = await signer.checkpointNow();
    await p.database.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL session_replication_role = replica`);
      await tx.execute(sql`DELETE FROM audit_log WHERE subject_id = '3'`);
    });
    const report = await audit.verify(p.database.db, [key.publicKey]);
    expect(report).toMatchObject({ ok: false, entries: 3 });
    expect(report.firstBreak?.atId).toBe(signed?.headId);
  });
});
