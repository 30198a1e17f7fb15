import { randomBytes } from 'node:crypto';
import { count, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Rubric, VignetteSetInput } from '@exam/shared/api';
import * as schema from '../src/db/schema/index.js';
import { AUTHORISATION_CSV_HEADER, AUTHORISATION_IMPORT_URL } from './helpers/booking-fixture.js';
import { apiAs, sittingInput } from './helpers/coordinator.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

/**
 * An over-long string is a 400 naming the field, and changes nothing, on PGlite and PostgreSQL.
 * Random text does not compress, so a value this long that reached a B-tree index (users.email
 * is unique) would break PostgreSQL's index row limit, a 500 instead of a refusal.
 */
const long = (chars: number) =>
  randomBytes(Math.ceil(chars / 2))
    .toString('hex')
    .slice(0, chars);
const longEmail = `${long(5000)}@example.test`;

let t: TestApp;
let admin: ReturnType<typeof apiAs>;
let coordinator: ReturnType<typeof apiAs>;
let proctor: ReturnType<typeof apiAs>;
let grader: ReturnType<typeof apiAs>;
let sittingId: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = apiAs(t.app, await loginAs(t.app, 'admin@demo.test'));
  coordinator = apiAs(t.app, await loginAs(t.app, 'coordinator@demo.test'));
  proctor = apiAs(t.app, await loginAs(t.app, 'proctor@demo.test'));
  grader = apiAs(t.app, await loginAs(t.app, 'grader1@demo.test'));
  sittingId = (await coordinator.get('/api/sittings')).body.sittings[0].id;
});
afterAll(() => t.close());

/** Rows in every table: a refused request adds none anywhere (nor an audit entry). */
async function rowCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [name, table] of Object.entries(schema)) {
    if (!is(table, PgTable)) continue;
    const [row] = await t.database.db.select({ n: count() }).from(table);
    counts[name] = row!.n;
  }
  return counts;
}

/** Sends the request and expects a 400 naming exactly `fields`, with nothing stored. */
async function expectRefused(
  send: () => Promise<{
    status: number;
    body: { error: { code: string; message: string; details: unknown } };
  }>,
  fields: string[],
) {
  const before = await rowCounts();
  const response = await send();
  expect(response.status).toBe(400);
  expect(response.body.error.code).toBe('VALIDATION_FAILED');
  const reported = (response.body.error.details as { fields: { path: string }[] }).fields;
  expect(reported.map((f) => f.path)).toEqual(fields);
  expect(await rowCounts()).toEqual(before);
  return response;
}

describe('over-long strings in request bodies', () => {
  it('a user with a 5,000-character display name', async () => {
    const refused = await expectRefused(
      () =>
        admin.post('/api/users', {
          email: 'long.name@example.test',
          displayName: long(5000),
          roles: ['grader'],
        }),
      ['displayName'],
    );
    expect(refused.body.error.message).toBe('Display name takes at most 200 characters.');
  });

  it('a sitting with a huge name', async () => {
    await expectRefused(
      () => coordinator.post('/api/sittings', sittingInput({ name: long(5000) })),
      ['name'],
    );
  });

  it('a vignette set and a vignette with huge titles', async () => {
    const vignette = {
      title: 'Case 1',
      caseText: ['A paragraph.'],
      prompts: ['What would you do first?'],
      domains: ['administration'],
    };
    const input: VignetteSetInput = {
      title: long(5000),
      variant: 'policy',
      endorsement: null,
      audience: 'mentor',
      requiredCount: 1,
      instructions: 'Answer the vignette.',
      vignettes: [{ ...vignette, title: long(5000) }],
    } as VignetteSetInput;
    await expectRefused(
      () => admin.post('/api/vignette-sets', input),
      ['title', 'vignettes.0.title'],
    );
  });

  it('a rubric version with a huge title', async () => {
    const rubrics = (await admin.get('/api/grading/rubrics')).body.rubrics as Rubric[];
    const current = rubrics.find((r) => r.variant === 'clinical' && r.current)!;
    await expectRefused(
      () =>
        admin.post('/api/grading/rubrics', {
          variant: current.variant,
          content: {
            title: long(5000),
            criteria: current.criteria,
            passingRule: current.passingRule,
          },
        }),
      ['content.title'],
    );
  });

  it('a conflict declaration with a huge reason', async () => {
    await expectRefused(
      () =>
        grader.post('/api/grading/conflicts', {
          candidateEmail: 'candidate@demo.test',
          reason: long(5000),
        }),
      ['reason'],
    );
  });

  it('an incident with a huge description', async () => {
    await expectRefused(
      () =>
        proctor.post(`/api/proctoring/sittings/${sittingId}/incidents`, {
          enrolmentId: null,
          category: 'other',
          note: long(5000),
        }),
      ['note'],
    );
  });

  it('an authorisation, or a seat placement, for a 5,000-character address', async () => {
    await expectRefused(
      () =>
        coordinator.post('/api/bookings/authorisations', {
          email: longEmail,
          name: 'Long Address',
          examEndorsement: 'IMH-E',
          category: 'mental-health-specialist',
          track: null,
          parts: [1, 2],
          reference: null,
        }),
      ['email'],
    );
    await expectRefused(
      () =>
        coordinator.post(`/api/bookings/sittings/${sittingId}/place`, {
          email: longEmail,
          overCapacityReason: null,
        }),
      ['email'],
    );
  });
});

describe('over-long cells in imported files', () => {
  it('an authorisation import names each over-long cell and imports nothing', async () => {
    const before = await rowCounts();
    const csv = [
      AUTHORISATION_CSV_HEADER,
      `${longEmail},${long(300)},IMH-E,mental-health-specialist,,both,${long(101)}`,
    ].join('\n');
    const report = await coordinator.post(AUTHORISATION_IMPORT_URL, { csv, commit: true });
    expect(report.status).toBe(200);
    expect(report.body.committed).toBe(false);
    expect(report.body.rows[0].errors).toEqual([
      `The email has ${longEmail.length} characters; at most 254.`,
      'The name has 300 characters; at most 200.',
      'The reference has 101 characters; at most 100.',
    ]);
    expect(await rowCounts()).toEqual(before);
  });

  it('an enrolment import names each over-long cell and enrols nothing', async () => {
    const created = await coordinator.post('/api/sittings', sittingInput({ name: 'Long cells' }));
    const before = await rowCounts();
    const csv = [
      'email,name,endorsement,category,track,exam_endorsement',
      `${longEmail},${long(300)},IMH-E,mental-health-specialist,,IMH-E`,
    ].join('\n');
    const report = await coordinator.post(
      `/api/sittings/${created.body.sitting.id}/enrolments/import`,
      { csv, createAccounts: true, commit: true },
    );
    expect(report.status).toBe(200);
    expect(report.body.committed).toBe(false);
    expect(report.body.rows[0].errors).toEqual([
      `The email has ${longEmail.length} characters; at most 254.`,
      'The name has 300 characters; at most 200.',
    ]);
    expect(await rowCounts()).toEqual(before);
  });
});
