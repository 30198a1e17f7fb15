import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accountTimeZoneSchema,
  mailDetailSchema,
  mailListResponseSchema,
  sessionResponseSchema,
} from '@exam/shared/api';
import { DEFAULT_ASSOCIATION_ID } from '../src/db/schema/associations.js';
import { mailMessages } from '../src/db/schema/mail.js';
import { createTestApp, loginAs, TEST_ORIGIN, type TestApp } from './helpers/test-app.js';

let t: TestApp;
let admin: string;
let coordinator: string;
let candidate: string;
let failedId: string;
let programmeMailId: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAs(t.app, 'admin@demo.test');
  coordinator = await loginAs(t.app, 'coordinator@demo.test');
  candidate = await loginAs(t.app, 'candidate@demo.test');
  const [failed] = await t.database.db
    .insert(mailMessages)
    .values({
      associationId: DEFAULT_ASSOCIATION_ID,
      kind: 'results-released',
      toAddress: 'candidate@demo.test',
      subject: 'Your results are available',
      textBody: 'Sign in',
      htmlBody: '<p>Sign in</p>',
      status: 'failed',
      attempts: 8,
      lastError: '550 mailbox unavailable',
    })
    .returning({ id: mailMessages.id });
  failedId = failed!.id;
  programmeMailId = (
    await t.app.mail.outbox.enqueue({
      to: 'grader-to-be@demo.test',
      associationId: null,
      template: { kind: 'two-factor-reset' },
    })
  ).id;
  await t.app.mail.worker.tick();
});
afterAll(() => t.close());

async function call(method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, payload?: object) {
  const response = await t.app.inject({
    method,
    url,
    headers: { origin: TEST_ORIGIN, cookie },
    ...(payload ? { payload } : {}),
  });
  return { status: response.statusCode, body: response.json() as unknown };
}

describe('the Mail page', () => {
  it('shows an administrator every message, the programme’s own included', async () => {
    const { status, body } = await call('GET', '/api/mail/messages', admin);
    expect(status).toBe(200);
    const list = mailListResponseSchema.parse(body);
    expect(list.delivery).toBe('catcher');
    expect(list.messages.map((m) => m.id)).toEqual(
      expect.arrayContaining([failedId, programmeMailId]),
    );
    expect(list.counts.failed).toBeGreaterThanOrEqual(1);
    const detail = mailDetailSchema.parse(
      (await call('GET', `/api/mail/messages/${programmeMailId}`, admin)).body,
    );
    expect(detail.status).toBe('sent');
    expect(detail.html).toContain('two-step sign-in');
    expect(detail.from).toContain('no-reply@');
  });

  it('shows a coordinator their association’s mail only, and the candidate none', async () => {
    const list = mailListResponseSchema.parse(
      (await call('GET', '/api/mail/messages', coordinator)).body,
    );
    expect(list.messages.map((m) => m.id)).toContain(failedId);
    expect(list.messages.map((m) => m.id)).not.toContain(programmeMailId);
    expect((await call('GET', `/api/mail/messages/${programmeMailId}`, coordinator)).status).toBe(
      404,
    );
    expect((await call('GET', '/api/mail/messages', candidate)).status).toBe(403);
  });

  it('resends a failed message (audited) and refuses a decision on a sent one', async () => {
    const resent = await call('POST', `/api/mail/messages/${failedId}/resolve`, admin, {
      action: 'resend',
    });
    expect(resent.status).toBe(200);
    await t.app.mail.worker.tick();
    const detail = mailDetailSchema.parse(
      (await call('GET', `/api/mail/messages/${failedId}`, admin)).body,
    );
    expect(detail).toMatchObject({ status: 'sent', attempts: 1, transport: 'catcher' });
    const again = await call('POST', `/api/mail/messages/${failedId}/resolve`, admin, {
      action: 'mark-sent',
    });
    expect(again.status).toBe(409);
    const audit = await call('GET', '/api/audit/entries?action=mail.', admin);
    expect(JSON.stringify(audit.body)).toContain(failedId);
  });
});

describe('the user’s own time zone', () => {
  it('follows the association until the user sets one, and refuses a zone that is not one', async () => {
    const before = accountTimeZoneSchema.parse(
      (await call('GET', '/api/account/time-zone', candidate)).body,
    );
    expect(before.timeZone).toBeNull();
    expect(before.effective).toBe(before.associationTimeZone);
    expect(
      (await call('PUT', '/api/account/time-zone', candidate, { timeZone: 'Mars/Olympus' })).status,
    ).toBe(400);
    const set = await call('PUT', '/api/account/time-zone', candidate, { timeZone: 'Asia/Tokyo' });
    expect(accountTimeZoneSchema.parse(set.body)).toMatchObject({
      timeZone: 'Asia/Tokyo',
      effective: 'Asia/Tokyo',
    });
    const session = sessionResponseSchema.parse(
      (await call('GET', '/api/auth/session', candidate)).body,
    );
    expect(session.user.timeZone).toBe('Asia/Tokyo');
  });
});
