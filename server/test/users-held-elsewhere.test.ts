import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { associationMembers, auditLog, users } from '../src/db/schema/index.js';
import { apiAs } from './helpers/coordinator.js';
import { mailsTo } from './helpers/invitations.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

/**
 * Colorado's coordinator adds a user with the address of Michigan's candidate (an account only
 * Michigan holds). The answer must read as for an address nobody holds, and nothing may be
 * attached to the account: the holder is mailed in the programme's name instead.
 */
let t: TestApp;
let co: ReturnType<typeof apiAs>;
let admin: ReturnType<typeof apiAs>;
let caseyId: string;

const MICHIGAN_ONLY = 'candidate@demo.test';

async function accountState() {
  const db = t.database.db;
  return {
    user: await db.select().from(users).where(eq(users.id, caseyId)),
    memberships: await db
      .select()
      .from(associationMembers)
      .where(eq(associationMembers.userId, caseyId)),
  };
}

beforeAll(async () => {
  t = await createTestApp();
  co = apiAs(t.app, await loginAs(t.app, 'coordinator@co.demo.test'));
  admin = apiAs(t.app, await loginAs(t.app, 'admin@demo.test'));
  const [casey] = await t.database.db.select().from(users).where(eq(users.email, MICHIGAN_ONLY));
  caseyId = casey!.id;
});
afterAll(() => t.close());

describe("a coordinator adding an address another association's account holds", () => {
  it('gets the answer a new address gets, and nothing is attached to the account', async () => {
    const before = await accountState();
    const held = await co.post('/api/users', {
      email: 'Candidate@Demo.test',
      displayName: 'Someone New',
      roles: ['proctor'],
    });
    const fresh = await co.post('/api/users', {
      email: 'brand.new.proctor@co.demo.test',
      displayName: 'Brand New',
      roles: ['proctor'],
    });
    expect(fresh.status).toBe(201);
    expect(held.status).toBe(201);
    expect(Object.keys(held.body.user).sort()).toEqual(Object.keys(fresh.body.user).sort());
    expect(held.body.user).toMatchObject({
      email: MICHIGAN_ONLY,
      displayName: 'Someone New',
      roles: ['proctor'],
      disabled: false,
    });
    // Nothing of the real account leaks: not its id, not its name.
    expect(held.body.user.id).not.toBe(caseyId);
    expect(JSON.stringify(held.body)).not.toContain('Casey');

    expect(await accountState()).toEqual(before);
    const listed = (await co.get('/api/users')).body.users.map((u: { email: string }) => u.email);
    expect(listed).toContain('brand.new.proctor@co.demo.test');
    expect(listed).not.toContain(MICHIGAN_ONLY);
    expect((await co.put(`/api/users/${held.body.user.id}/roles`, { roles: [] })).status).toBe(404);
  });

  it('mails the holder in the programme name and tells administrators through the audit', async () => {
    // Asking again the same day mails nothing more (no flooding the holder), answers the same.
    const again = await co.post('/api/users', {
      email: MICHIGAN_ONLY,
      displayName: 'Someone New',
      roles: ['proctor'],
    });
    expect(again.status).toBe(201);
    const told = (await mailsTo(t, MICHIGAN_ONLY)).filter(
      (m) => m.kind === 'account-held-elsewhere',
    );
    expect(told).toHaveLength(1);
    expect(told[0]!.associationId).toBeNull();
    expect(told[0]!.textBody).toContain('nothing was created');
    expect((await mailsTo(t, MICHIGAN_ONLY)).some((m) => m.kind === 'invitation')).toBe(false);
    expect(JSON.stringify((await co.get('/api/mail/messages')).body)).not.toContain(MICHIGAN_ONLY);
    const entries = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'user.create_held_elsewhere'));
    expect(entries.map((e) => e.subjectId)).toEqual([caseyId, caseyId]);
  });

  it('still refuses an address the coordinator can see, and an administrator any taken one', async () => {
    const own = await co.post('/api/users', {
      email: 'candidate1@co.demo.test',
      displayName: 'Dup',
      roles: ['proctor'],
    });
    expect(own.status).toBe(409);
    expect(own.body.error.code).toBe('ALREADY_EXISTS');
    const byAdmin = await admin.post('/api/users', {
      email: 'candidate1@co.demo.test',
      displayName: 'Dup',
      roles: ['grader'],
    });
    expect(byAdmin.status).toBe(409);
  });
});
