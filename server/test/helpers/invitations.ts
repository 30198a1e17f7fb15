import { desc, eq } from 'drizzle-orm';
import { mailMessages } from '../../src/db/schema/mail.js';
import { loginAs, TEST_ORIGIN, type TestApp } from './test-app.js';

/** A password the policy accepts, for invitees in tests. */
export const INVITEE_PASSWORD = 'lantern-quarry-meadow-61';

/** The mails queued to an address, newest first. */
export async function mailsTo(t: TestApp, to: string) {
  return t.database.db
    .select()
    .from(mailMessages)
    .where(eq(mailMessages.toAddress, to))
    .orderBy(desc(mailMessages.createdAt));
}

/**
 * Accepts the newest invitation mailed to `to` (as its recipient would, through the link's
 * token), then signs in with the chosen password; returns the session cookie.
 */
export async function acceptInvitation(t: TestApp, to: string): Promise<string> {
  const mail = (await mailsTo(t, to)).find((m) => m.kind === 'invitation' && m.link);
  if (!mail?.link) throw new Error(`no invitation mailed to ${to}`);
  const token = new URL(mail.link).searchParams.get('token');
  const accepted = await t.app.inject({
    method: 'POST',
    url: '/api/auth/invitation/accept',
    headers: { origin: TEST_ORIGIN },
    payload: { token, password: INVITEE_PASSWORD, timeZone: 'America/Detroit' },
  });
  if (accepted.statusCode !== 200) throw new Error(`accept failed: ${accepted.body}`);
  return loginAs(t.app, to, INVITEE_PASSWORD);
}
