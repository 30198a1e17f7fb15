import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MyData } from '@exam/shared/api';
import {
  accommodationDocuments,
  checkInPhotos,
  checkIns,
  enrolments,
  retakeRequests,
  retentionPurges,
} from '../src/db/schema/index.js';
import { DEFAULT_ASSOCIATION_ID } from '../src/modules/auth/index.js';
import { bookableSitting, DAY } from './helpers/booking-fixture.js';
import { apiAs } from './helpers/coordinator.js';
import { userIdOf } from './helpers/grading-fixture.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

const CASEY = 'candidate@demo.test';
const JORDAN = 'mentor.clinical@demo.test';
const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(300, 0x20)]);
const jpeg = (tag: string) =>
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(tag)]);

let t: TestApp;
let caseyId: string;
let jordanId: string;
let staffIds: string[];
let seated: string;
let full: string;
let caseyEnrolment: string;
let jordanEnrolment: string;
const extendedTo = () => new Date(t.clock.now().getTime() + 800 * DAY).toISOString();
let extendedExpiry: string;

async function asPerson(email: string) {
  return apiAs(t.app, await loginAs(t.app, email));
}

async function myData(email: string): Promise<MyData> {
  const response = await (await asPerson(email)).get('/api/privacy/my-data');
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
}

async function enrolmentOf(sittingId: string, candidateId: string): Promise<string> {
  const [row] = await t.database.db
    .select({ id: enrolments.id })
    .from(enrolments)
    .where(and(eq(enrolments.sittingId, sittingId), eq(enrolments.candidateId, candidateId)));
  return row!.id;
}

/**
 * Issue 22's rows in the candidate's own export: Casey has two authorisations (one extended by
 * a coordinator), a seat in one sitting and a waitlist place behind Jordan in a full one, an
 * accommodation request with a document, a refused remote check-in and a declined retake
 * request. Jordan has rows of each kind too, which Casey's export must not show.
 */
beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  caseyId = await userIdOf(db, CASEY);
  jordanId = await userIdOf(db, JORDAN);
  staffIds = [await userIdOf(db, 'coordinator@demo.test'), await userIdOf(db, 'proctor@demo.test')];
  const open = await bookableSitting(t, null, 'Open seats sitting');
  seated = open.sittingId;
  full = (await bookableSitting(t, 1, 'One seat sitting')).sittingId;
  const grant = async (email: string, reference: string, parts = [1, 2]) => {
    const granted = await open.api.post('/api/bookings/authorisations', {
      email,
      examEndorsement: 'IMH-E',
      category: 'mental-health-specialist',
      track: null,
      parts,
      reference,
    });
    expect(granted.status, JSON.stringify(granted.body)).toBe(201);
    return granted.body.id as string;
  };
  const [first, second, jordans] = [
    await grant(CASEY, 'APP-CASEY-1'),
    // Part Two alone: the same approval twice would be refused as a repeat.
    await grant(CASEY, 'APP-CASEY-2', [2]),
    await grant(JORDAN, 'APP-JORDAN'),
  ];
  extendedExpiry = extendedTo();
  const extended = await open.api.post(`/api/bookings/authorisations/${first}/extend`, {
    expiresAt: extendedExpiry,
    reason: 'Medical leave',
  });
  expect(extended.status, JSON.stringify(extended.body)).toBe(200);

  const jordan = await asPerson(JORDAN);
  const casey = await asPerson(CASEY);
  const book = async (api: typeof casey, sittingId: string, authorisationId: string) => {
    const booked = await api.post('/api/bookings', { sittingId, authorisationId });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    return booked.body.status as string;
  };
  expect(await book(jordan, full, jordans)).toBe('booked');
  expect(await book(casey, seated, first)).toBe('booked');
  expect(await book(casey, full, second)).toBe('waiting');
  caseyEnrolment = await enrolmentOf(seated, caseyId);
  jordanEnrolment = await enrolmentOf(full, jordanId);

  const ask = (other: string) => ({
    extraTimePercent: 25,
    breaks: true,
    largeText: false,
    separateRoom: false,
    reader: false,
    other,
  });
  for (const [api, enrolmentId, other, fileName] of [
    [casey, caseyEnrolment, 'A quiet desk', 'letter.pdf'],
    [jordan, jordanEnrolment, 'JORDAN-ASK', 'jordan-evidence.pdf'],
  ] as const) {
    const sent = await api.post('/api/accommodation-requests', {
      enrolmentId,
      ask: ask(other),
      documents: [{ fileName, dataBase64: pdf.toString('base64') }],
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
  }

  // A remote check-in refused by the proctor, and a retake request declined by a coordinator:
  // written as their services write them (those paths have their own tests).
  const at = t.clock.now();
  for (const [enrolmentId, sittingId, reason] of [
    [caseyEnrolment, seated, 'The ID photo is unreadable'],
    [jordanEnrolment, full, 'JORDAN-REFUSAL'],
  ] as const) {
    await db.insert(checkIns).values({
      enrolmentId,
      associationId: DEFAULT_ASSOCIATION_ID,
      sittingId,
      mode: 'remote',
      status: 'refused',
      decisionReason: reason,
      decidedBy: staffIds[1],
      decidedAt: at,
      updatedAt: at,
    });
    const content = jpeg(reason);
    await db.insert(checkInPhotos).values({
      associationId: DEFAULT_ASSOCIATION_ID,
      enrolmentId,
      kind: 'face',
      content,
      sizeBytes: content.length,
      takenAt: at,
    });
  }
  for (const [candidateId, reason] of [
    [caseyId, 'The request came after the deadline'],
    [jordanId, 'JORDAN-DECLINE'],
  ] as const)
    await db.insert(retakeRequests).values({
      associationId: DEFAULT_ASSOCIATION_ID,
      candidateId,
      sittingId: full,
      part: 2,
      status: 'declined',
      eligibility: { seen: { formIds: ['SEEN-FORM'] } },
      requestedAt: at,
      decidedAt: at,
      decidedBy: staffIds[0],
      declineReason: reason,
    });
});
afterAll(() => t.close());

describe("the candidate's path in their own data export", () => {
  it('holds their authorisations with the extension, bookings with the waitlist place', async () => {
    const data = await myData(CASEY);
    expect(data.authorisations).toHaveLength(2);
    const extended = data.authorisations.find((a) => a.reference === 'APP-CASEY-1');
    expect(extended).toMatchObject({
      examEndorsement: 'IMH-E',
      parts: [1, 2],
      source: 'coordinator',
      expiresAt: extendedExpiry,
      associationName: expect.any(String),
      extensions: [{ to: extendedExpiry, reason: 'Medical leave', from: expect.any(String) }],
    });
    expect(data.authorisations.find((a) => a.reference === 'APP-CASEY-2')!.extensions).toEqual([]);
    expect(data.bookings).toEqual([
      expect.objectContaining({
        sittingId: seated,
        sittingName: 'Open seats sitting',
        status: 'booked',
        waitlistPosition: null,
        placedByStaff: false,
      }),
      expect.objectContaining({
        sittingId: full,
        sittingName: 'One seat sitting',
        status: 'waiting',
        waitlistPosition: 1,
      }),
    ]);
    const actions = data.audit.filter((e) => e.subjectType !== 'user').map((e) => e.action);
    expect(actions).toContain('bookings.authorisation_extended');
    expect(data.audit.find((e) => e.action === 'bookings.authorisation_extended')!.actor).toBe(
      'staff',
    );
  });

  it('holds their accommodation request with the document described, check-in and retake', async () => {
    const data = await myData(CASEY);
    expect(data.accommodationRequests).toEqual([
      expect.objectContaining({
        enrolmentId: caseyEnrolment,
        sittingId: seated,
        status: 'pending',
        requested: expect.objectContaining({ extraTimePercent: 25, other: 'A quiet desk' }),
        documents: [
          {
            fileName: 'letter.pdf',
            contentType: 'application/pdf',
            sizeBytes: pdf.length,
            uploadedAt: expect.any(String),
          },
        ],
      }),
    ]);
    expect(data.checkIns).toEqual([
      expect.objectContaining({
        enrolmentId: caseyEnrolment,
        mode: 'remote',
        status: 'refused',
        decisionReason: 'The ID photo is unreadable',
        decidedAt: expect.any(String),
        photos: [{ kind: 'face', sizeBytes: expect.any(Number), takenAt: expect.any(String) }],
      }),
    ]);
    expect(data.retakeRequests).toEqual([
      expect.objectContaining({
        sittingId: full,
        sittingName: 'One seat sitting',
        part: 2,
        status: 'declined',
        declineReason: 'The request came after the deadline',
      }),
    ]);
  });

  it("never holds another candidate's rows, staff identities or the eligibility warning", async () => {
    const text = JSON.stringify(await myData(CASEY));
    for (const absent of [
      jordanId,
      JORDAN,
      jordanEnrolment,
      'APP-JORDAN',
      'JORDAN-ASK',
      'jordan-evidence.pdf',
      'JORDAN-REFUSAL',
      'JORDAN-DECLINE',
      'SEEN-FORM',
      ...staffIds,
    ])
      expect(text).not.toContain(absent);
    // The document's and photos' bytes stay out of the JSON.
    expect(text).not.toContain(pdf.toString('base64').slice(0, 24));
    expect(text).not.toMatch(/dataBase64|"content"/);

    const theirs = await myData(JORDAN);
    expect(theirs.bookings).toEqual([
      expect.objectContaining({ sittingId: full, status: 'booked', waitlistPosition: null }),
    ]);
    expect(theirs.authorisations.map((a) => a.reference)).toEqual(['APP-JORDAN']);
    expect(JSON.stringify(theirs)).not.toContain('APP-CASEY');
    expect(JSON.stringify(theirs)).not.toContain(caseyId);
  });

  it('the retention purge of a sitting removes its documents and photos; decisions stay', async () => {
    // A confirmed purge of the seated sitting (the dry run's confirmation is tested in
    // privacy.test.ts); the job takes the sitting's evidence with its responses.
    await t.database.db.insert(retentionPurges).values({
      sittingId: seated,
      confirmedBy: staffIds[0]!,
      confirmedAt: t.clock.now(),
    });
    const [done] = await t.app.privacy.retention.runConfirmed();
    expect(done?.purged).toMatchObject({ accommodationDocuments: 1, checkInPhotos: 1 });
    const data = await myData(CASEY);
    expect(data.accommodationRequests[0]).toMatchObject({ status: 'pending', documents: [] });
    expect(data.checkIns[0]).toMatchObject({ status: 'refused', photos: [] });
    expect(data.bookings).toHaveLength(2);
    expect(data.retakeRequests).toHaveLength(1);
    // The other sitting's evidence is untouched.
    const kept = await t.database.db
      .select({ id: accommodationDocuments.id })
      .from(accommodationDocuments);
    expect(kept).toHaveLength(1);
    expect(
      await t.database.db
        .select({ id: checkInPhotos.id })
        .from(checkInPhotos)
        .where(eq(checkInPhotos.enrolmentId, jordanEnrolment)),
    ).toHaveLength(1);
  });
});
