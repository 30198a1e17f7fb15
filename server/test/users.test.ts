import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, TEST_ORIGIN, type TestApp } from './helpers/test-app.js';

let t: TestApp;
let admin: string;
let coordinator: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAs(t.app, 'admin@demo.test');
  coordinator = await loginAs(t.app, 'coordinator@demo.test');
});
afterAll(() => t.close());

function createUser(cookie: string, payload: object) {
  return t.app.inject({
    method: 'POST',
    url: '/api/users',
    headers: { cookie, origin: TEST_ORIGIN },
    payload,
  });
}

describe('user administration', () => {
  it('lets an admin create a user with several roles, who can then sign in', async () => {
    const response = await createUser(admin, {
      email: 'New.Staff@Demo.test',
      displayName: 'New Staff',
      password: 'a-long-enough-password',
      roles: ['proctor', 'coordinator'],
    });
    expect(response.json()).toMatchObject({ user: { email: 'new.staff@demo.test' } });
    expect(response.statusCode).toBe(201);
    const cookie = await loginAs(t.app, 'new.staff@demo.test', 'a-long-enough-password');
    const session = await t.app.inject({ url: '/api/auth/session', headers: { cookie } });
    expect(session.json().user.roles).toEqual(['proctor', 'coordinator']);
  });

  it('lets a coordinator create candidates, proctors and graders but not admins', async () => {
    const ok = await createUser(coordinator, {
      email: 'cand2@demo.test',
      displayName: 'Second Candidate',
      password: 'a-long-enough-password',
      roles: ['candidate'],
    });
    expect(ok.statusCode).toBe(201);
    const refused = await createUser(coordinator, {
      email: 'boss@demo.test',
      displayName: 'Boss',
      password: 'a-long-enough-password',
      roles: ['admin'],
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('FORBIDDEN');
  });

  it('refuses a duplicate email and a short password with clear codes', async () => {
    const duplicate = await createUser(admin, {
      email: 'proctor@demo.test',
      displayName: 'Dup',
      password: 'a-long-enough-password',
      roles: ['proctor'],
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.code).toBe('ALREADY_EXISTS');
    const short = await createUser(admin, {
      email: 'short@demo.test',
      displayName: 'Short',
      password: 'short',
      roles: ['proctor'],
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.message).toContain('12 characters');
  });

  it('lets an admin change roles and audits it', async () => {
    const list = await t.app.inject({ url: '/api/users', headers: { cookie: admin } });
    const grader = list
      .json()
      .users.find((u: { email: string }) => u.email === 'grader1@demo.test');
    const response = await t.app.inject({
      method: 'PUT',
      url: `/api/users/${grader.id}/roles`,
      headers: { cookie: admin, origin: TEST_ORIGIN },
      payload: { roles: ['grader', 'proctor'] },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().user.roles).toEqual(['grader', 'proctor']);
  });
});
