import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LettersResponse, LetterVerification, MyResultsResponse } from '@exam/shared/api';
import {
  associationMembers,
  associations,
  auditLog,
  examResults,
  resultLetters,
  sittings,
  users,
} from '../src/db/schema/index.js';
import {
  DEFAULT_ASSOCIATION_ID,
  DEFAULT_PROGRAMME_ID,
  hashPassword,
} from '../src/modules/auth/index.js';
import { DEMO_PASSWORD } from '../src/seed/demo-people.js';
import { releasableSitting } from './helpers/feedback-fixture.js';
import { call, userIdOf } from './helpers/grading-fixture.js';
import { pdfText, squeezed } from './helpers/pdf-text.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

/** A 1×1 PNG: the letterhead embeds the association's logo when it has one. */
const pixelPng =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/**
 * Issue 20 part C: a released result as a PDF letter on the association's letterhead, with an
 * unguessable identifier a third party checks on a public page; only the candidate, their
 * association's coordinator and administrators may download it.
 */
describe('results letters', () => {
  let t: TestApp;
  let coordinator: string;
  let candidate: string;
  let candidateId: string;
  let sittingId: string;
  let otherCoordinator: string;
  let otherCandidate: string;
  const letterUrl = () => `/api/letters/sittings/${sittingId}/candidates/${candidateId}/letter.pdf`;

  /** A second association with a coordinator and a candidate of its own. */
  async function otherAssociation() {
    const db = t.database.db;
    const [other] = await db
      .insert(associations)
      .values({
        programmeId: DEFAULT_PROGRAMME_ID,
        name: 'Other State Association',
        shortName: 'OSA',
        contactEmail: 'office@osa.test',
      })
      .returning();
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    for (const [email, role] of [
      ['coordinator@osa.test', 'coordinator'],
      ['candidate@osa.test', 'candidate'],
    ] as const) {
      const [user] = await db
        .insert(users)
        .values({ email, displayName: email, passwordHash })
        .returning();
      await db
        .insert(associationMembers)
        .values({ userId: user!.id, associationId: other!.id, roles: [role] });
    }
    otherCoordinator = await loginAs(t.app, 'coordinator@osa.test');
    otherCandidate = await loginAs(t.app, 'candidate@osa.test');
  }

  beforeAll(async () => {
    t = await createTestApp();
    coordinator = await loginAs(t.app, 'coordinator@demo.test');
    ({ sittingId } = await releasableSitting(t, coordinator));
    const released = await call(
      t.app,
      coordinator,
      'POST',
      `/api/results/sittings/${sittingId}/release`,
    );
    expect(released.statusCode, released.body).toBe(200);
    // 12:00 UTC on 1 March is already 2 March in Kiritimati (UTC+14): the letter must say 2 March.
    await t.database.db
      .update(sittings)
      .set({ startsAt: new Date('2026-03-01T12:00:00Z') })
      .where(eq(sittings.id, sittingId));
    await t.database.db
      .update(associations)
      .set({
        name: 'Demo State Association',
        timeZone: 'Pacific/Kiritimati',
        logo: pixelPng,
        contactEmail: 'office@demo.test',
      })
      .where(eq(associations.id, DEFAULT_ASSOCIATION_ID));
    candidate = await loginAs(t.app, 'candidate@demo.test');
    candidateId = await userIdOf(t.database.db, 'candidate@demo.test');
    await otherAssociation();
  });
  afterAll(() => t.close());

  async function download(cookie: string) {
    return call(t.app, cookie, 'GET', letterUrl());
  }

  it("refuses another association's coordinator and candidate, other candidates and graders with 404, issuing nothing", async () => {
    const sameAssociationCandidate = await loginAs(t.app, 'mentor.policy@demo.test');
    const grader = await loginAs(t.app, 'grader1@demo.test');
    for (const cookie of [otherCoordinator, otherCandidate, sameAssociationCandidate, grader]) {
      const response = await download(cookie);
      expect(response.statusCode, response.body).toBe(404);
      expect(response.json().error.code).toBe('NOT_FOUND');
    }
    const list = await call(t.app, otherCoordinator, 'GET', `/api/letters/sittings/${sittingId}`);
    expect(list.statusCode).toBe(404);
    expect((await call(t.app, otherCandidate, 'GET', '/api/letters/mine')).json()).toEqual({
      letters: [],
    });
    expect(await t.database.db.select().from(resultLetters)).toEqual([]);
  });

  it('gives the candidate a PDF on the letterhead with the result, feedback, pointers and the verification link', async () => {
    const mine: LettersResponse = (await call(t.app, candidate, 'GET', '/api/letters/mine')).json();
    expect(mine.letters).toEqual([
      expect.objectContaining({
        sittingId,
        candidateId,
        candidateName: 'Casey Candidate',
        passed: true,
      }),
    ]);
    const response = await download(candidate);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="results-letter-/,
    );
    const [letter] = await t.database.db.select().from(resultLetters);
    expect(letter!.identifier).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const { text } = await pdfText(response.rawPayload);
    const results: MyResultsResponse = (
      await call(t.app, candidate, 'GET', '/api/results/mine')
    ).json();
    const result = results.results[0]!;
    if (result.status !== 'released') throw new Error('expected a released result');
    const expected = [
      'Demo State Association',
      'office@demo.test',
      'Casey Candidate',
      letter!.endorsement,
      '2 March 2026',
      'Result: passed',
      `${result.partOne.correct} of ${result.partOne.total} correct`,
      ...result.partOne.domains.map((d) => `${d.label}: ${d.correct} of ${d.total}`),
      ...result.partTwo.responses.flatMap((r) => [
        `${r.vignetteTitle}: ${r.total} of ${r.max}`,
        ...r.criteria.flatMap((c) => [c.title, ...c.comments]),
      ]),
      ...result.studyPointers.map((p) => p.summary),
      letter!.identifier,
      `${t.config.publicOrigin}/verify/${letter!.identifier}`,
    ];
    for (const phrase of expected) expect(squeezed(text)).toContain(squeezed(phrase));
    expect(letter!.sittingDate).toBe('2026-03-02');
  });

  it('gives the same letter to the coordinator and an administrator, and issues it once (audited)', async () => {
    const admin = await loginAs(t.app, 'admin@demo.test');
    for (const cookie of [coordinator, admin]) {
      const response = await download(cookie);
      expect(response.statusCode, response.body).toBe(200);
    }
    const letters = await t.database.db.select().from(resultLetters);
    expect(letters).toHaveLength(1);
    const issued = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'results.letter_issued'), eq(auditLog.subjectId, sittingId)));
    expect(issued).toHaveLength(1);
    expect(JSON.stringify(issued[0]!.details)).not.toContain(letters[0]!.identifier);
    const list: LettersResponse = (
      await call(t.app, coordinator, 'GET', `/api/letters/sittings/${sittingId}`)
    ).json();
    expect(list.letters.map((l) => l.candidateName)).toEqual(['Casey Candidate']);
  });

  it('confirms a letter to anyone with only its name, endorsement, result, date and association', async () => {
    const [letter] = await t.database.db.select().from(resultLetters);
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/verify/${letter!.identifier}`,
    });
    expect(response.statusCode).toBe(200);
    const body: LetterVerification = response.json();
    expect(body).toEqual({
      status: 'verified',
      letter: {
        identifier: letter!.identifier,
        endorsement: letter!.endorsement,
        passed: true,
      },
    });
    for (const unknown of ['A'.repeat(43), 'not-an-identifier']) {
      const miss = await t.app.inject({ method: 'GET', url: `/api/verify/${unknown}` });
      expect(miss.json()).toEqual({ status: 'unknown' });
    }
  });

  it('confirms the result as it stands after a key correction revised it, not as first issued', async () => {
    const [letter] = await t.database.db.select().from(resultLetters);
    await t.database.db
      .update(examResults)
      .set({ passed: false })
      .where(eq(examResults.attemptId, letter!.attemptId));
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/verify/${letter!.identifier}`,
    });
    expect(response.json()).toMatchObject({ status: 'verified', letter: { passed: false } });
  });

  it('slows down a caller walking identifiers', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/verify/${'B'.repeat(43)}`,
        remoteAddress: '203.0.113.9',
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});
