import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey } from '../src/lib/ed25519.js';
import { createAuditService, createCheckpointer } from '../src/modules/audit/index.js';
import { queryRows } from '../src/db/client.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ seed: false });
});
afterAll(() => t.close());

describe('audit log', () => {
  it('chains entries and verifies them', async () => {
    const audit = createAuditService({ clock: t.clock });
    for (let i = 0; i < 5; i += 1) {
      await audit.appendNow(t.database.db, {
        actorId: null,
        action: 'test.entry',
        subjectType: 'test',
        subjectId: String(i),
        details: { b: i, a: { nested: [1, 2] } },
      });
    }
    expect(await audit.verify(t.database.db)).toMatchObject({
      ok: true,
      entries: 5,
      firstBreak: null,
    });
  });

  it('refuses updates, deletes and TRUNCATE at the database', async () => {
    const db = t.database.db;
    const checkpointer = createCheckpointer({
      db,
      clock: t.clock,
      key: generateSigningKey(),
      everyEntries: 100,
      everyMs: 60_000,
      log: () => undefined,
    });
    expect(await checkpointer.checkpointNow()).toMatchObject({ count: 5 });
    await expect(db.execute(sql`DELETE FROM audit_log`)).rejects.toThrow();
    await expect(db.execute(sql`UPDATE audit_log SET action = 'x'`)).rejects.toThrow();
    await expect(db.execute(sql`TRUNCATE audit_log`)).rejects.toThrow();
    await expect(db.execute(sql`TRUNCATE audit_log CASCADE`)).rejects.toThrow();
    await expect(db.execute(sql`DELETE FROM audit_checkpoints`)).rejects.toThrow();
    await expect(db.execute(sql`UPDATE audit_checkpoints SET count = 0`)).rejects.toThrow();
    await expect(db.execute(sql`TRUNCATE audit_checkpoints`)).rejects.toThrow();
    const counts = await queryRows<{ entries: number; checkpoints: number }>(
      db,
      sql`SELECT (SELECT count(*)::int FROM audit_log) AS entries,
                 (SELECT count(*)::int FROM audit_checkpoints) AS checkpoints`,
    );
    expect(counts).toEqual([{ entries: 5, checkpoints: 1 }]);
  });

  it('reports the first broken link after tampering', async () => {
    const audit = createAuditService({ clock: t.clock });
    await t.database.db.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
    await t.database.db.execute(
      sql`UPDATE audit_log SET details = '{"b": 99}'::jsonb WHERE subject_id = '2'`,
    );
    await t.database.db.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`);
    const result = await audit.verify(t.database.db);
    expect(result.ok).toBe(false);
    expect(result.entries).toBe(2);
    expect(result.firstBreak?.reason).toContain('content');
  });
});
