import { readFile } from 'node:fs/promises';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradingAssignments, gradingItems, rubrics } from '../src/db/schema/index.js';
import { demoRubrics } from '../src/seed/content/rubrics.js';
import { call, sheet, sitExam } from './helpers/grading-fixture.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

// Migration 0044 on a database with readings in every state: each saved reading is given its
// response's rubric version (before it, a response moved only while none had a saved score),
// an unsaved one stays without, and a version already given out with a response is locked.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const migration = new URL(
  '../../migrations/0044_rubric_version_pinned_per_response.sql',
  import.meta.url,
);
const clinical = demoRubrics.clinical.criteria.map((c) => c.id);

describe('pinning rubric versions on an existing database', () => {
  it('records the version of every saved reading and locks the versions given out', async () => {
    const { db } = t.database;
    const casey = await sitExam(t.app, db, 'candidate@demo.test', {
      responses: { 1: 'Casey on the parallel process', 2: 'Casey on repair' },
      chosen: [1, 2],
    });
    const [first, second] = await db
      .select()
      .from(gradingItems)
      .where(eq(gradingItems.attemptId, casey.attemptId))
      .orderBy(gradingItems.vignette);
    const grader1 = await loginAs(t.app, 'grader1@demo.test');
    const grader2 = await loginAs(t.app, 'grader2@demo.test');
    const submitted = await call(
      t.app,
      grader1,
      'POST',
      `/api/grading/queue/${first!.code}/submit`,
      sheet(clinical, 3),
    );
    expect(submitted.statusCode, submitted.body).toBe(200);
    const draft = await call(
      t.app,
      grader2,
      'PUT',
      `/api/grading/queue/${second!.code}/draft`,
      sheet(clinical, 2),
    );
    expect(draft.statusCode, draft.body).toBe(200);

    // The database as it was before 0044: no reading names a version, nothing locked by routing.
    await db.execute(
      sql.raw(`
        ALTER TABLE grading_assignments DROP CONSTRAINT grading_assignments_scores_name_rubric;
        ALTER TABLE grading_assignments DROP CONSTRAINT grading_assignments_scored_with_pinned_rubric;
        ALTER TABLE grading_assignments DROP COLUMN rubric_id;
        ALTER TABLE grading_items DROP CONSTRAINT grading_items_id_rubric;
        UPDATE rubrics SET scoring_started_at = NULL;
      `),
    );
    await db.execute(sql.raw(await readFile(migration, 'utf8')));

    const readings = await db.select().from(gradingAssignments);
    expect(readings).toHaveLength(4);
    for (const reading of readings) {
      const item = reading.itemId === first!.id ? first! : second!;
      expect([reading.status, reading.rubricId]).toEqual([
        reading.status,
        reading.status === 'assigned' ? null : item.rubricId,
      ]);
    }
    expect(readings.filter((r) => r.status !== 'assigned')).toHaveLength(2);
    const firstGiven = Math.min(...readings.map((r) => r.assignedAt.getTime()));
    const locked = await db
      .select({ id: rubrics.id, at: rubrics.scoringStartedAt })
      .from(rubrics)
      .where(sql`${rubrics.scoringStartedAt} IS NOT NULL`);
    expect(locked).toEqual([{ id: first!.rubricId, at: new Date(firstGiven) }]);
  });
});
