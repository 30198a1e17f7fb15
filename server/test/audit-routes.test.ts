import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditPageSchema, auditVerifyReportSchema } from '@exam/shared/api';
import { createAuditService } from '../src/modules/audit/index.js';
import { createTestApp, loginAs, TEST_ORIGIN, type TestApp } from './helpers/test-app.js';

let t: TestApp;
let admin: string;
let startedAt: Date;
beforeAll(async () => {
  t = await createTestApp();
  startedAt = t.clock.now();
  admin = await loginAs(t.app, 'admin@demo.test');
  await loginAs(t.app, 'proctor@demo.test');
  const audit = createAuditService({ clock: t.clock });
  for (let i = 0; i < 7; i += 1) {
    t.clock.advance(60_000);
    await audit.appendNow(t.database.db, {
      actorId: null,
      action: i % 2 === 0 ? 'test.even' : 'test.odd',
      subjectType: 'widget',
      subjectId: `w${i % 3}`,
      details: { i },
    });
  }
});
afterAll(() => t.close());

async function get(url: string, cookie = admin) {
  const response = await t.app.inject({
    method: 'GET',
    url,
    headers: { origin: TEST_ORIGIN, cookie },
  });
  return { status: response.statusCode, body: response.json() as Record<string, unknown> };
}

async function entries(query: string) {
  const { status, body } = await get(`/api/audit/entries?${query}`);
  expect(status).toBe(200);
  return auditPageSchema.parse(body);
}

describe('audit page API', () => {
  it('filters by actor email, naming the actor', async () => {
    const page = await entries('actor=PROCTOR@demo.test');
    expect(page.entries.map((e) => e.action)).toEqual(['auth.login']);
    expect(page.entries[0]?.actor).toMatchObject({ email: 'proctor@demo.test' });
  });

  it('filters by action prefix, subject and time, newest first', async () => {
    expect((await entries('action=test.')).entries).toHaveLength(7);
    const odd = await entries('action=test.odd&subjectType=widget&subjectId=w0');
    expect(odd.entries.map((e) => e.details)).toEqual([{ i: 3 }]);
    const from = new Date(startedAt.getTime() + 2 * 60_000).toISOString();
    const to = new Date(startedAt.getTime() + 4 * 60_000).toISOString();
    const window = await entries(`action=test.&from=${from}&to=${to}`);
    expect(window.entries.map((e) => e.details)).toEqual([{ i: 3 }, { i: 2 }, { i: 1 }]);
  });

  it('pages with a cursor until the last page', async () => {
    const first = await entries('action=test.&limit=3');
    expect(first.entries.map((e) => e.details)).toEqual([{ i: 6 }, { i: 5 }, { i: 4 }]);
    const second = await entries(`action=test.&limit=3&before=${first.nextBefore}`);
    expect(second.entries.map((e) => e.details)).toEqual([{ i: 3 }, { i: 2 }, { i: 1 }]);
    const third = await entries(`action=test.&limit=3&before=${second.nextBefore}`);
    expect(third.entries.map((e) => e.details)).toEqual([{ i: 0 }]);
    expect(third.nextBefore).toBeNull();
  });

  it('refuses bad filters with a clear error', async () => {
    const unknown = await get('/api/audit/entries?actor=nobody@demo.test');
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('No account has the email nobody@demo.test');
    const reversed = await get(
      '/api/audit/entries?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z',
    );
    expect(reversed.status).toBe(400);
    expect(JSON.stringify(reversed.body)).toContain('must not be after its end');
    expect((await get('/api/audit/entries?from=yesterday')).status).toBe(400);
    expect((await get('/api/audit/entries?limit=5000')).status).toBe(400);
    expect((await get('/api/audit/entries?surprise=1')).status).toBe(400);
  });

  it('is for administrators only', async () => {
    const coordinator = await loginAs(t.app, 'coordinator@demo.test');
    for (const url of ['/api/audit/entries', '/api/audit/verify', '/api/audit/export']) {
      expect((await get(url, coordinator)).status).toBe(403);
    }
  });

  it('verifies the live chain and reports the first break with the last checkpoint', async () => {
    const intact = await get('/api/audit/verify');
    expect(intact.status).toBe(200);
    const report = auditVerifyReportSchema.parse(intact.body.report);
    expect(report).toMatchObject({ ok: true, firstBreak: null });
    expect(report.entries).toBeGreaterThan(9);

    // An export signs a checkpoint over the head; then the tail goes, bypassing the triggers.
    const exported = await t.app.inject({
      method: 'GET',
      url: '/api/audit/export',
      headers: { origin: TEST_ORIGIN, cookie: admin },
    });
    expect(exported.statusCode).toBe(200);
    const db = t.database.db;
    await db.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
    await db.execute(sql`DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)`);
    await db.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`);
    const broken = auditVerifyReportSchema.parse((await get('/api/audit/verify')).body.report);
    expect(broken.ok).toBe(false);
    expect(broken.lastCheckpoint?.count).toBe(broken.entries + 1);
    expect(broken.firstBreak?.atId).toBe(broken.lastCheckpoint?.headId);
    expect(broken.firstBreak?.reason).toContain('removed from its end');
  });
});
