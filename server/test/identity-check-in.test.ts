import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, checkInPhotos, checkIns, enrolments, sittings } from '../src/db/schema/index.js';
import { purgePhotosOfSitting } from '../src/modules/proctoring/index.js';
import { associationB } from './helpers/association-b.js';
import { apiAs } from './helpers/coordinator.js';
import { demoSitting } from './helpers/proctor-fixture.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

let t: TestApp;
let sittingId: string;
let jordan: string;
let casey: string;
let proctor: ReturnType<typeof apiAs>;
let candidate: ReturnType<typeof apiAs>;

// The smallest JPEG header the content check needs; the proctor's browser shows what it is sent.
const jpeg = (tag: string) =>
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(tag)]);
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

async function photoCount() {
  const [row] = await t.database.db.select({ n: count() }).from(checkInPhotos);
  return Number(row!.n);
}

async function checkInCount() {
  const [row] = await t.database.db.select({ n: count() }).from(checkIns);
  return Number(row!.n);
}

async function audited(action: string, subjectId: string) {
  return t.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.subjectId, subjectId)));
}

beforeAll(async () => {
  t = await createTestApp();
  const demo = await demoSitting(t.database.db);
  sittingId = demo.sittingId;
  jordan = demo.enrolmentOf('mentor.clinical@demo.test');
  casey = demo.enrolmentOf('candidate@demo.test');
  // The demo sitting becomes a remote one: identity is checked on evidence by default.
  await t.database.db.update(sittings).set({ remote: true }).where(eq(sittings.id, sittingId));
  proctor = apiAs(t.app, await loginAs(t.app, 'proctor@demo.test'));
  candidate = apiAs(t.app, await loginAs(t.app, 'mentor.clinical@demo.test'));
});
afterAll(() => t.close());

describe('a remote check-in', () => {
  it('cannot be skipped: the plain admit is refused while identity is unchecked', async () => {
    const admit = await proctor.post(`/api/proctoring/enrolments/${jordan}/admit`);
    expect(admit.status).toBe(409);
    expect(admit.body.error.code).toBe('IDENTITY_CHECK_REQUIRED');
    expect((await candidate.get('/api/check-in/mine')).body.checkIn).toMatchObject({
      required: true,
      remote: true,
      status: 'not-started',
      photos: [],
    });
  });

  it('takes JPEG photos only, and is ready for the proctor with a face and an ID', async () => {
    const wrong = await candidate.post('/api/check-in/mine/photos', {
      kind: 'face',
      dataBase64: png.toString('base64'),
    });
    expect(wrong.status).toBe(415);
    expect(wrong.body.error.code).toBe('DOCUMENT_TYPE_REFUSED');
    expect(await photoCount()).toBe(0);

    const face = await candidate.post('/api/check-in/mine/photos', {
      kind: 'face',
      dataBase64: jpeg('face').toString('base64'),
    });
    expect(face.status).toBe(201);
    expect(face.body.checkIn.status).toBe('waiting');
    const id = await candidate.post('/api/check-in/mine/photos', {
      kind: 'id',
      dataBase64: jpeg('id').toString('base64'),
    });
    expect(id.body.checkIn.status).toBe('submitted');
    const room = await candidate.post('/api/check-in/mine/photos', {
      kind: 'room',
      dataBase64: jpeg('room').toString('base64'),
    });
    expect(room.body.checkIn).toMatchObject({ status: 'submitted' });
    expect(room.body.checkIn.photos.map((p: { kind: string }) => p.kind)).toEqual([
      'face',
      'id',
      'room',
    ]);
  });

  it('shows the evidence to the sitting’s proctor beside the roster name, each view audited', async () => {
    const roster = await proctor.get(`/api/proctoring/sittings/${sittingId}/check-ins`);
    expect(roster.status).toBe(200);
    expect(roster.body.required).toBe(true);
    const entry = roster.body.checkIns.find(
      (c: { enrolmentId: string }) => c.enrolmentId === jordan,
    );
    expect(entry).toMatchObject({ name: 'Jordan Clinician', status: 'submitted', mode: 'remote' });
    const face = entry.photos.find((p: { kind: string }) => p.kind === 'face');
    const url = `/api/proctoring/enrolments/${jordan}/check-in/photos/${face.id}`;
    const seen = await proctor.get(url);
    expect(seen.status).toBe(200);
    expect(seen.raw.headers['content-type']).toBe('image/jpeg');
    expect(seen.raw.rawPayload.equals(jpeg('face'))).toBe(true);
    expect(await audited('check_in.photo_viewed', jordan)).toHaveLength(1);

    // Not to the candidate, nor to another association's staff; nothing audited for them.
    expect((await candidate.get(url)).status).toBe(403);
    const b = await associationB(t.app, t.database.db);
    expect((await apiAs(t.app, b.proctor).get(url)).status).toBe(404);
    expect((await apiAs(t.app, b.coordinator).get(url)).status).toBe(404);
    expect(
      (await apiAs(t.app, b.coordinator).get(`/api/proctoring/sittings/${sittingId}/check-ins`))
        .status,
    ).toBe(404);
    expect(await audited('check_in.photo_viewed', jordan)).toHaveLength(1);
    // The association's coordinator may look too.
    const coordinator = apiAs(t.app, await loginAs(t.app, 'coordinator@demo.test'));
    expect((await coordinator.get(url)).status).toBe(200);
    expect(await audited('check_in.photo_viewed', jordan)).toHaveLength(2);
  });

  it('is refused with a reason, then admitted with a reason after the no-camera path', async () => {
    const decision = `/api/proctoring/enrolments/${jordan}/check-in/decision`;
    expect((await proctor.post(decision, { decision: 'refuse', reason: '' })).status).toBe(400);
    const refused = await proctor.post(decision, {
      decision: 'refuse',
      reason: 'The ID photo is too blurred to read.',
    });
    expect(refused.status).toBe(200);
    expect((await candidate.get('/api/check-in/mine')).body.checkIn).toMatchObject({
      status: 'refused',
      decisionReason: 'The ID photo is too blurred to read.',
    });
    expect(await audited('check_in.refused', jordan)).toHaveLength(1);

    // The camera gives up: the candidate asks the proctor, who checks on the call and admits.
    const noCamera = await candidate.post('/api/check-in/mine/no-camera', {
      note: 'My camera stopped working.',
    });
    expect(noCamera.body.checkIn.status).toBe('no-camera');
    const admitted = await proctor.post(decision, {
      decision: 'admit',
      reason: 'ID shown on the video call matches the roster name.',
    });
    expect(admitted.status, JSON.stringify(admitted.body)).toBe(200);
    expect(admitted.body.candidate).toMatchObject({ enrolmentId: jordan, state: 'admitted' });
    const [enrolment] = await t.database.db
      .select()
      .from(enrolments)
      .where(eq(enrolments.id, jordan));
    expect(enrolment!.admittedAt).not.toBeNull();
    expect(await audited('check_in.admitted', jordan)).toHaveLength(1);
    expect(await audited('candidate.admitted', jordan)).toHaveLength(1);
    const photo = await candidate.post('/api/check-in/mine/photos', {
      kind: 'face',
      dataBase64: jpeg('late').toString('base64'),
    });
    expect(photo.status).toBe(409);
  });
});

describe('a candidate with no sitting open now', () => {
  it('is told so in a plain answer, and still cannot send evidence', async () => {
    const applicant = apiAs(t.app, await loginAs(t.app, 'applicant@demo.test'));
    const mine = await applicant.get('/api/check-in/mine');
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual({ checkIn: null });

    const before = { photos: await photoCount(), checkIns: await checkInCount() };
    const photo = await applicant.post('/api/check-in/mine/photos', {
      kind: 'face',
      dataBase64: jpeg('early').toString('base64'),
    });
    expect(photo.status).toBe(404);
    expect(photo.body.error.code).toBe('NO_OPEN_SITTING');
    const noCamera = await applicant.post('/api/check-in/mine/no-camera', { note: null });
    expect(noCamera.status).toBe(404);
    expect(noCamera.body.error.code).toBe('NO_OPEN_SITTING');
    expect({ photos: await photoCount(), checkIns: await checkInCount() }).toEqual(before);
  });
});

describe('an in-person check-in', () => {
  it('is the proctor’s photo-ID confirmation at admission, recorded once per enrolment', async () => {
    await t.database.db.update(sittings).set({ remote: false }).where(eq(sittings.id, sittingId));
    await t.database.db
      .update(enrolments)
      .set({ admittedAt: null, admittedBy: null })
      .where(eq(enrolments.id, casey));
    const admit = await proctor.post(`/api/proctoring/enrolments/${casey}/admit`);
    expect(admit.status, JSON.stringify(admit.body)).toBe(200);
    const [row] = await t.database.db
      .select()
      .from(checkIns)
      .where(eq(checkIns.enrolmentId, casey));
    expect(row).toMatchObject({
      mode: 'in-person',
      status: 'admitted',
      decisionReason: 'Photo ID checked against the roster name',
    });
  });
});

describe('retention', () => {
  it('purges the sitting’s check-in photos and keeps the decisions', async () => {
    expect(await photoCount()).toBe(3);
    const purged = await t.database.db.transaction((tx) => purgePhotosOfSitting(tx, sittingId));
    expect(purged).toBe(3);
    expect(await photoCount()).toBe(0);
    const [row] = await t.database.db
      .select()
      .from(checkIns)
      .where(eq(checkIns.enrolmentId, jordan));
    expect(row).toMatchObject({ status: 'admitted' });
  });
});
