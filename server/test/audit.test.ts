import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditService } from '../src/modules/audit/index.js';
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
    expect(await audit.verify(t.database.db)).toEqual({ ok: true, entries: 5 });
  });

  it('refuses updates and deletes at the database', async () => {
    await expect(t.database.db.execute(sql`DELETE FROM audit_log`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`UPDATE audit_log SET action = 'x'`)).rejects.toThrow();
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
    if (!result.ok) {
      expect(result.entries).toBe(2);
      expect(result.reason).toContain('content');
    }
  });
});
