import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BankComment } from '@exam/shared/api';
import { auditLog } from '../src/db/schema/index.js';
import { call } from './helpers/grading-fixture.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

/**
 * The feedback comment bank: curators (coordinators, chief graders) add, reword and retire
 * comments per rubric domain and level, audited; graders are offered only the active ones and
 * cannot change the bank.
 */
describe('comment bank', () => {
  let t: TestApp;
  let chief: string;
  let coordinator: string;
  let grader: string;
  let created: BankComment;

  beforeAll(async () => {
    t = await createTestApp();
    chief = await loginAs(t.app, 'chief.grader@demo.test');
    coordinator = await loginAs(t.app, 'coordinator@demo.test');
    grader = await loginAs(t.app, 'grader1@demo.test');
  });
  afterAll(() => t.close());

  const offered = async (cookie = grader): Promise<BankComment[]> => {
    const response = await call(t.app, cookie, 'GET', '/api/grading/comment-bank');
    expect(response.statusCode, response.body).toBe(200);
    return response.json().comments;
  };

  it('a curator adds a comment per domain and level; graders are offered it', async () => {
    const response = await call(t.app, chief, 'POST', '/api/grading/comment-bank', {
      domain: 'reflection',
      level: 3,
      text: '  Names their own feelings and how they shape the work with the family.  ',
    });
    expect(response.statusCode, response.body).toBe(201);
    created = response.json().comment;
    expect(created).toMatchObject({
      domain: 'reflection',
      level: 3,
      text: 'Names their own feelings and how they shape the work with the family.',
      active: true,
    });
    expect(Object.keys(created).sort()).toEqual(
      ['active', 'domain', 'id', 'level', 'text', 'updatedAt'].sort(),
    );
    expect((await offered()).map((c) => c.id)).toEqual([created.id]);
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.subjectId, created.id));
    expect(audit?.action).toBe('grading.bank_comment_created');
  });

  it('refuses a level off the rubric, an unknown domain and an empty text', async () => {
    for (const body of [
      { domain: 'reflection', level: 5, text: 'Too high' },
      { domain: 'astrology', level: 2, text: 'No such domain' },
      { domain: 'reflection', level: 2, text: '   ' },
    ]) {
      const response = await call(t.app, coordinator, 'POST', '/api/grading/comment-bank', body);
      expect(response.statusCode, response.body).toBe(400);
    }
  });

  it('graders read the bank but cannot change it or see the curation list', async () => {
    const post = await call(t.app, grader, 'POST', '/api/grading/comment-bank', {
      domain: 'reflection',
      level: 2,
      text: 'A grader’s own',
    });
    expect(post.statusCode).toBe(403);
    const put = await call(t.app, grader, 'PUT', `/api/grading/comment-bank/${created.id}`, {
      text: 'Changed',
      active: true,
    });
    expect(put.statusCode).toBe(403);
    const curation = await call(t.app, grader, 'GET', '/api/grading/comment-bank/curation');
    expect(curation.statusCode).toBe(403);
  });

  it('a retired comment is no longer offered but stays for curators; rewording is audited', async () => {
    const reworded = await call(
      t.app,
      coordinator,
      'PUT',
      `/api/grading/comment-bank/${created.id}`,
      { text: 'Names their own feelings and their effect on the work.', active: false },
    );
    expect(reworded.statusCode, reworded.body).toBe(200);
    expect(await offered()).toEqual([]);
    const curation = await call(t.app, chief, 'GET', '/api/grading/comment-bank/curation');
    expect(curation.json().comments).toMatchObject([
      {
        id: created.id,
        active: false,
        text: 'Names their own feelings and their effect on the work.',
      },
    ]);
    const actions = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.subjectId, created.id));
    const update = actions.find((a) => a.action === 'grading.bank_comment_updated');
    expect(update?.details).toMatchObject({
      before: { active: true },
      after: { active: false },
    });
    const missing = await call(
      t.app,
      chief,
      'PUT',
      '/api/grading/comment-bank/00000000-0000-4000-8000-000000000000',
      { text: 'Nothing', active: true },
    );
    expect(missing.statusCode).toBe(404);
  });
});
