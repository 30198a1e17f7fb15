import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accommodationDocuments,
  accommodationRequests,
  auditLog,
  clockEvents,
  mailMessages,
} from '../src/db/schema/index.js';
import { purgeDocumentsOfSitting } from '../src/modules/sittings/index.js';
import { associationB } from './helpers/association-b.js';
import { apiAs, sittingInput } from './helpers/coordinator.js';
import { ExamSocket } from './helpers/exam-fixture.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const MAX_BYTES = 4096;

let t: TestApp;
let coordinator: ReturnType<typeof apiAs>;
let sittingId: string;
const enrolmentOf = new Map<string, string>();

const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200, 0x20)]);
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const b64 = (bytes: Buffer) => bytes.toString('base64');

const ask = {
  extraTimePercent: 50,
  breaks: true,
  largeText: true,
  separateRoom: false,
  reader: true,
  other: 'A footrest',
};

async function stored() {
  const [requests] = await t.database.db.select({ n: count() }).from(accommodationRequests);
  const [documents] = await t.database.db.select({ n: count() }).from(accommodationDocuments);
  return { requests: Number(requests!.n), documents: Number(documents!.n) };
}

async function asCandidate(email: string) {
  return apiAs(t.app, await loginAs(t.app, email));
}

beforeAll(async () => {
  t = await createTestApp({
    listen: true,
    env: { ACCOMMODATION_DOCUMENT_MAX_BYTES: String(MAX_BYTES) },
  });
  coordinator = apiAs(t.app, await loginAs(t.app, 'coordinator@demo.test'));
  // A sitting a month and more ahead, with two demo candidates enrolled.
  const date = new Date(t.clock.now().getTime() + 40 * DAY).toISOString().slice(0, 10);
  const created = await coordinator.post('/api/sittings', sittingInput({ date, timeZone: 'UTC' }));
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  sittingId = created.body.sitting.id;
  const candidates = (await coordinator.get('/api/candidates')).body.candidates as {
    id: string;
    email: string;
  }[];
  for (const email of ['candidate@demo.test', 'mentor.clinical@demo.test']) {
    const candidate = candidates.find((c) => c.email === email)!;
    const enrolled = await coordinator.post(`/api/sittings/${sittingId}/enrolments`, {
      candidate: { kind: 'existing', candidateId: candidate.id },
      endorsement: 'IMH-E',
      category: 'mental-health-specialist',
      track: null,
      examEndorsement: null,
    });
    expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(201);
    enrolmentOf.set(email, enrolled.body.enrolment.id);
  }
});
afterAll(() => t.close());

describe('a candidate asks for accommodations', () => {
  it('lists nothing, without failing, for a candidate with no open place in a sitting', async () => {
    // The demo applicant has an authorisation to test but has booked no seat yet.
    const applicant = await asCandidate('applicant@demo.test');
    const mine = await applicant.get('/api/accommodation-requests/mine');
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    expect(mine.body).toEqual({ enrolments: [], maxDocumentBytes: MAX_BYTES });
  });

  it('refuses a file that is not a PDF or image by its content, or too large: nothing stored', async () => {
    const casey = await asCandidate('candidate@demo.test');
    const enrolmentId = enrolmentOf.get('candidate@demo.test')!;
    const renamed = await casey.post('/api/accommodation-requests', {
      enrolmentId,
      ask,
      documents: [
        { fileName: 'letter.pdf', dataBase64: b64(pdf) },
        { fileName: 'report.pdf', dataBase64: b64(Buffer.from('MZ\x90\x00 not a pdf')) },
      ],
    });
    expect(renamed.status).toBe(415);
    expect(renamed.body.error).toMatchObject({ code: 'DOCUMENT_TYPE_REFUSED' });
    expect(renamed.body.error.message).toContain('report.pdf');

    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(MAX_BYTES, 0x20)]);
    const tooLarge = await casey.post('/api/accommodation-requests', {
      enrolmentId,
      ask,
      documents: [{ fileName: 'scan.pdf', dataBase64: b64(big) }],
    });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.code).toBe('DOCUMENT_TOO_LARGE');
    expect(await stored()).toEqual({ requests: 0, documents: 0 });
  });

  it('refuses a request that asks for nothing, which would only block a real one: nothing stored', async () => {
    const casey = await asCandidate('candidate@demo.test');
    const enrolmentId = enrolmentOf.get('candidate@demo.test')!;
    const nothing = { ...ask, extraTimePercent: 0, breaks: false, largeText: false, reader: false };
    for (const other of [null, '   ']) {
      const empty = await casey.post('/api/accommodation-requests', {
        enrolmentId,
        ask: { ...nothing, other },
        documents: [{ fileName: 'letter.pdf', dataBase64: b64(pdf) }],
      });
      expect(empty.status).toBe(400);
      expect(empty.body.error.code).toBe('VALIDATION_FAILED');
      expect(empty.body.error.message).toContain('Choose at least one accommodation');
    }
    expect(await stored()).toEqual({ requests: 0, documents: 0 });
  });

  it('stores the request and its documents, pending, and refuses a second while it waits', async () => {
    const casey = await asCandidate('candidate@demo.test');
    const enrolmentId = enrolmentOf.get('candidate@demo.test')!;
    const sent = await casey.post('/api/accommodation-requests', {
      enrolmentId,
      ask,
      documents: [
        { fileName: 'letter.pdf', dataBase64: b64(pdf) },
        { fileName: 'note.png', dataBase64: b64(png) },
      ],
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body.request).toMatchObject({ status: 'pending', requested: ask });
    expect(sent.body.request.documents.map((d: { contentType: string }) => d.contentType)).toEqual([
      'application/pdf',
      'image/png',
    ]);
    const mine = (await casey.get('/api/accommodation-requests/mine')).body;
    const entry = mine.enrolments.find(
      (e: { enrolmentId: string }) => e.enrolmentId === enrolmentId,
    );
    expect(entry).toMatchObject({ canRequest: false, requests: [{ status: 'pending' }] });
    // The deadline is 14 days before the start.
    expect(new Date(entry.startsAt).getTime() - new Date(entry.deadline).getTime()).toBe(14 * DAY);

    const again = await casey.post('/api/accommodation-requests', {
      enrolmentId,
      ask,
      documents: [],
    });
    expect(again.body.error.code).toBe('REQUEST_PENDING');
    // Another candidate's enrolment is not theirs to ask for.
    const other = await casey.post('/api/accommodation-requests', {
      enrolmentId: enrolmentOf.get('mentor.clinical@demo.test')!,
      ask,
      documents: [],
    });
    expect(other.status).toBe(404);
  });
});

describe('the supporting documents', () => {
  it('are read by the association’s coordinators only, each read audited', async () => {
    const enrolmentId = enrolmentOf.get('candidate@demo.test')!;
    const request = (await coordinator.get(`/api/enrolments/${enrolmentId}/accommodation-request`))
      .body.request;
    const doc = request.documents[0];
    const read = await coordinator.get(
      `/api/enrolments/${enrolmentId}/accommodation-request/documents/${doc.id}`,
    );
    expect(read.status).toBe(200);
    expect(read.raw.headers['content-type']).toBe('application/pdf');
    expect(read.raw.rawPayload.equals(pdf)).toBe(true);
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'accommodation.document_read'));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ subjectId: enrolmentId, details: { documentId: doc.id } });

    const url = `/api/enrolments/${enrolmentId}/accommodation-request/documents/${doc.id}`;
    const proctor = apiAs(t.app, await loginAs(t.app, 'proctor@demo.test'));
    expect((await proctor.get(url)).status).toBe(403);
    expect((await (await asCandidate('candidate@demo.test')).get(url)).status).toBe(403);
    const b = await associationB(t.app, t.database.db);
    expect((await apiAs(t.app, b.coordinator).get(url)).status).toBe(404);
    const listedByB = await apiAs(t.app, b.coordinator).get('/api/accommodation-requests');
    expect(listedByB.body.requests).toEqual([]);
    // Refusals read nothing, so only the coordinator's read is on the log.
    expect(
      await t.database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.action, 'accommodation.document_read')),
    ).toHaveLength(1);
  });
});

describe('the coordinator decides', () => {
  it('approves part of a request as the profile: extra time reaches Part One through the ledger', async () => {
    // Casey is in the open demo sitting too, with Part One running.
    const socket = await ExamSocket.connect(t.app, await loginAs(t.app, 'candidate@demo.test'));
    const welcome = await socket.hello();
    const attemptId = welcome.attempt.attemptId;
    socket.send({ type: 'part.start', part: 1 });
    await socket.next('clock.update', (m) => m.clock.status === 'running');

    const enrolmentId = enrolmentOf.get('candidate@demo.test')!;
    const more = await coordinator.post(
      `/api/enrolments/${enrolmentId}/accommodation-request/approve`,
      { ...ask, extraTimePercent: 100 },
    );
    expect(more.status).toBe(400);
    const extended = socket.next('clock.update', (m) => m.clock.allowedMs === 135 * MIN, 2000);
    const approved = await coordinator.post(
      `/api/enrolments/${enrolmentId}/accommodation-request/approve`,
      { ...ask, largeText: false, other: null },
    );
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.request).toMatchObject({
      status: 'approved',
      granted: { extraTimePercent: 50, largeText: false, reader: true },
    });
    await extended;
    socket.close();

    const candidate = (
      await coordinator.get(`/api/candidates/${approved.body.request.candidateId}`)
    ).body.candidate;
    expect(candidate.accommodations).toMatchObject({
      timeMultiplier: 1.5,
      breaks: true,
      largeText: false,
      notes: 'Reader',
    });
    const ledger = await t.database.db
      .select()
      .from(clockEvents)
      .where(and(eq(clockEvents.attemptId, attemptId), eq(clockEvents.type, 'accommodation')));
    // Both parts get the half again: 45 minutes each on the ledger.
    expect(ledger.map((e) => [e.part, e.ms]).sort()).toEqual([
      [1, 45 * MIN],
      [2, 45 * MIN],
    ]);
    const mail = await t.database.db
      .select()
      .from(mailMessages)
      .where(eq(mailMessages.kind, 'accommodations-approved'));
    expect(mail.length).toBeGreaterThan(0);
    const again = await coordinator.post(
      `/api/enrolments/${enrolmentId}/accommodation-request/decline`,
      { reason: 'Changed my mind' },
    );
    expect(again.body.error.code).toBe('REQUEST_DECIDED');
  });

  it('declines with a reason: the candidate sees it and is mailed it', async () => {
    const jordan = await asCandidate('mentor.clinical@demo.test');
    const enrolmentId = enrolmentOf.get('mentor.clinical@demo.test')!;
    const sent = await jordan.post('/api/accommodation-requests', {
      enrolmentId,
      ask: { ...ask, extraTimePercent: 25 },
      documents: [{ fileName: 'letter.pdf', dataBase64: b64(pdf) }],
    });
    expect(sent.status).toBe(201);
    const noReason = await coordinator.post(
      `/api/enrolments/${enrolmentId}/accommodation-request/decline`,
      { reason: '' },
    );
    expect(noReason.status).toBe(400);
    const declined = await coordinator.post(
      `/api/enrolments/${enrolmentId}/accommodation-request/decline`,
      { reason: 'The letter does not describe a need for extra time.' },
    );
    expect(declined.body.request).toMatchObject({
      status: 'declined',
      declineReason: 'The letter does not describe a need for extra time.',
    });
    const mine = (await jordan.get('/api/accommodation-requests/mine')).body.enrolments.find(
      (e: { enrolmentId: string }) => e.enrolmentId === enrolmentId,
    );
    expect(mine).toMatchObject({ canRequest: true, requests: [{ status: 'declined' }] });
    const [mail] = await t.database.db
      .select()
      .from(mailMessages)
      .where(eq(mailMessages.kind, 'accommodation-request-declined'));
    expect(mail).toBeDefined();
    expect(JSON.stringify(mail)).toContain('does not describe a need');
  });
});

describe('the deadline and retention', () => {
  it('refuses a request on and after the deadline, storing nothing', async () => {
    const before = await stored();
    t.clock.advance(27 * DAY); // 13 days before the sitting.
    const jordan = await asCandidate('mentor.clinical@demo.test');
    const late = await jordan.post('/api/accommodation-requests', {
      enrolmentId: enrolmentOf.get('mentor.clinical@demo.test')!,
      ask,
      documents: [{ fileName: 'letter.pdf', dataBase64: b64(pdf) }],
    });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('REQUEST_DEADLINE_PASSED');
    expect(await stored()).toEqual(before);
  });

  it('purges the sitting’s documents with the retention job’s hook, keeping the decisions', async () => {
    const before = await stored();
    const purged = await t.database.db.transaction((tx) => purgeDocumentsOfSitting(tx, sittingId));
    expect(purged).toBe(before.documents);
    expect(await stored()).toEqual({ requests: before.requests, documents: 0 });
  });
});
