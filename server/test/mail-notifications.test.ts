import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailMessages } from '../src/db/schema/mail.js';
import { releasableSitting } from './helpers/feedback-fixture.js';
import { call } from './helpers/grading-fixture.js';
import { createTestApp, loginAs, TEST_ORIGIN, type TestApp } from './helpers/test-app.js';

let t: TestApp;
let coordinator: string;
let sittingId: string;
beforeAll(async () => {
  t = await createTestApp();
  coordinator = await loginAs(t.app, 'coordinator@demo.test');
  ({ sittingId } = await releasableSitting(t, coordinator));
}, 120_000);
afterAll(() => t.close());

describe('results released mail', () => {
  it('is queued for each candidate in the release transaction, once, with no scores', async () => {
    const released = await call(
      t.app,
      coordinator,
      'POST',
      `/api/results/sittings/${sittingId}/release`,
    );
    expect(released.statusCode, released.body).toBe(200);
    const count = (released.json() as { results: number }).results;
    expect(count).toBeGreaterThan(0);
    const rows = await t.database.db
      .select()
      .from(mailMessages)
      .where(eq(mailMessages.kind, 'results-released'));
    expect(rows).toHaveLength(count);
    for (const row of rows) {
      expect(row.dedupeKey).toMatch(/^results-released:/);
      expect(row.textBody).toContain(`${TEST_ORIGIN}/`);
      expect(row.textBody).not.toMatch(/\d+\s*%|\bscore/i);
    }
    await t.app.mail.worker.tick();
    const sent = await t.database.db
      .select({ status: mailMessages.status })
      .from(mailMessages)
      .where(eq(mailMessages.kind, 'results-released'));
    expect(sent.every((r) => r.status === 'sent')).toBe(true);
  });
});
