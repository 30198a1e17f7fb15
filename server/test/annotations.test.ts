import { describe, expect, it } from 'vitest';
import type { ReadingAnnotationsResponse, ResponseAnnotationsResponse } from '@exam/shared/api';
import { createGradingResults } from '../src/modules/grading/index.js';
import { demoRubrics } from '../src/seed/content/rubrics.js';
import { associationB, send } from './helpers/association-b.js';
import { call, sheet } from './helpers/grading-fixture.js';
import { useScoringApp } from './helpers/scoring-app.js';

const s = useScoringApp();
const clinicalIds = demoRubrics.clinical.criteria.map((c) => c.id);
// Casey's first response, as the fixture wrote it.
const text = 'I would wonder with Dana about what Marcus might be telling her. First.';

describe('annotations', () => {
  it('keeps each reader’s own, shows them to the third reader as the first and second readings (as the score sheet names them), and lets the coordinator include them', async () => {
    const [code] = await s.codesOf('candidate@demo.test');
    const url = `/api/grading/queue/${code}/annotations`;
    const start = text.indexOf('wonder with Dana');
    const end = start + 'wonder with Dana'.length;

    const made = await call(s.t.app, s.grader1, 'POST', url, {
      start,
      end,
      comment: 'Curious stance, named early.',
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json().annotation.quote).toBe('wonder with Dana');
    const outside = await call(s.t.app, s.grader1, 'POST', url, {
      start: 0,
      end: text.length + 5,
      comment: 'Past the end',
    });
    expect(outside.statusCode).toBe(400);
    const second = await call(s.t.app, s.grader2, 'POST', url, {
      start: 0,
      end: 7,
      comment: 'SECOND-READER-NOTE',
    });
    expect(second.statusCode).toBe(201);

    // Each first reader sees only their own.
    const firstView: ReadingAnnotationsResponse = (
      await call(s.t.app, s.grader1, 'GET', url)
    ).json();
    expect(firstView.own.map((a) => a.comment)).toEqual(['Curious stance, named early.']);
    expect(firstView.others).toEqual([]);
    expect(JSON.stringify(firstView)).not.toContain('SECOND-READER-NOTE');

    // Far apart: the third reader sees both readers' annotations, labelled, never by grader.
    await s.submit(s.grader1, code!, sheet(clinicalIds, 1));
    await s.submit(s.grader2, code!, sheet(clinicalIds, 4));
    const late = await call(s.t.app, s.grader1, 'POST', url, { start: 0, end: 1, comment: 'x' });
    expect(late.statusCode).toBe(409);
    const thirdResponse = await call(s.t.app, s.grader3, 'GET', url);
    const third: ReadingAnnotationsResponse = thirdResponse.json();
    expect(third.others.map((o) => o.label)).toEqual(['First reading', 'Second reading']);
    expect(third.others.flatMap((o) => o.annotations.map((a) => a.comment)).sort()).toEqual([
      'Curious stance, named early.',
      'SECOND-READER-NOTE',
    ]);
    expect(thirdResponse.body).not.toContain('grader1');

    // The coordinator sees every annotation with its reader label and includes one.
    const list = await call(
      s.t.app,
      s.coordinator,
      'GET',
      `/api/grading/items/${code}/annotations`,
    );
    expect(list.statusCode, list.body).toBe(200);
    const listed: ResponseAnnotationsResponse = list.json();
    expect(listed.annotations).toHaveLength(2);
    expect(listed.annotations.every((a) => a.reader.startsWith('Reader '))).toBe(true);
    const chosen = listed.annotations.find((a) => a.comment === 'Curious stance, named early.')!;
    const included = await call(
      s.t.app,
      s.coordinator,
      'PUT',
      `/api/grading/items/${code}/annotations/${chosen.id}`,
      { include: true },
    );
    expect(included.statusCode, included.body).toBe(204);

    // Another association's coordinator finds nothing, and changes nothing.
    const b = await associationB(s.t.app, s.t.database.db);
    const foreign = await send(
      s.t.app,
      b.coordinator,
      'GET',
      `/api/grading/items/${code}/annotations`,
    );
    expect(foreign.statusCode).toBe(404);
    const foreignPut = await send(
      s.t.app,
      b.coordinator,
      'PUT',
      `/api/grading/items/${code}/annotations/${chosen.id}`,
      { include: false },
    );
    expect(foreignPut.statusCode).toBe(404);

    // The included annotation is what results freeze into the candidate's feedback.
    const sittingId = (await s.itemByCode(code!)).sittingId;
    const grading = await createGradingResults({ db: s.t.database.db }).sittingGrading(
      sittingId,
      [],
      {},
    );
    const entry = grading.items.find((i) => i.item.code === code)!;
    expect(entry.feedbackAnnotations).toEqual([
      { quote: 'wonder with Dana', comment: 'Curious stance, named early.' },
    ]);
  });
});
