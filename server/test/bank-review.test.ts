import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, bankItems } from '../src/db/schema/index.js';
import { createTestApp, loginAs, TEST_ORIGIN, type TestApp } from './helpers/test-app.js';

let t: TestApp;
let editor: string;

beforeAll(async () => {
  t = await createTestApp();
  editor = await loginAs(t.app, 'admin@demo.test');
});
afterAll(() => t.close());

function post(url: string, payload?: object, cookie = editor) {
  return t.app.inject({
    method: 'POST',
    url,
    headers: { cookie, origin: TEST_ORIGIN },
    ...(payload ? { payload } : {}),
  });
}

describe('marking an item for review', () => {
  it('records who, when and why, shows it on the item and the list, and clears it with an outcome, audited', async () => {
    const [item] = await t.database.db.select().from(bankItems).limit(1);
    const id = item!.id;
    const marked = await post(`/api/bank/items/${id}/review`, {
      note: 'Item analysis: negative discrimination on the November sitting.',
    });
    expect(marked.statusCode).toBe(200);
    const review = marked.json().item.review;
    expect(review).toMatchObject({
      note: 'Item analysis: negative discrimination on the November sitting.',
      requestedAt: t.clock.now().toISOString(),
    });
    expect(review.requestedBy).toMatch(/^[0-9a-f-]{36}$/);
    const list = await t.app.inject({
      url: '/api/bank/items?status=active',
      headers: { cookie: editor },
    });
    const row = list.json().items.find((i: { id: string }) => i.id === id);
    expect(row.markedForReview).toBe(true);

    const twice = await post(`/api/bank/items/${id}/review`, { note: 'Again please' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('REVIEW_PENDING');

    const cleared = await post(`/api/bank/items/${id}/review/clear`, {
      outcome: 'Key confirmed by two reviewers; item kept as is.',
    });
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json().item.review).toBeNull();
    const again = await post(`/api/bank/items/${id}/review/clear`, { outcome: 'Nothing left' });
    expect(again.json().error.code).toBe('NO_REVIEW_PENDING');

    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, id), eq(auditLog.subjectType, 'bank_item')));
    expect(audits.map((a) => a.action)).toEqual([
      'bank.item.review_requested',
      'bank.item.reviewed',
    ]);
    expect(audits[1]!.details).toMatchObject({
      outcome: 'Key confirmed by two reviewers; item kept as is.',
      note: 'Item analysis: negative discrimination on the November sitting.',
    });
  });

  it('refuses a missing note, an unknown item and other roles, changing nothing', async () => {
    const [item] = await t.database.db.select().from(bankItems).limit(1);
    const empty = await post(`/api/bank/items/${item!.id}/review`, { note: ' ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('VALIDATION_FAILED');
    const unknown = await post('/api/bank/items/00000000-0000-4000-8000-000000000000/review', {
      note: 'Looks wrong',
    });
    expect(unknown.statusCode).toBe(404);
    const proctor = await loginAs(t.app, 'proctor@demo.test');
    const refused = await post(
      `/api/bank/items/${item!.id}/review`,
      { note: 'Looks wrong' },
      proctor,
    );
    expect(refused.statusCode).toBe(403);
    const [after] = await t.database.db.select().from(bankItems).where(eq(bankItems.id, item!.id));
    expect(after!.reviewRequestedAt).toBeNull();
  });
});
