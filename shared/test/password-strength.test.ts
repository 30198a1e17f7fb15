import { describe, expect, it } from 'vitest';
import { adminPasswordProblem } from '../src/domain/password-strength.js';
import { adminAccountSchema } from '../src/api/setup.js';

/** The administrator's password rule: the setup page and the server refuse the same passwords. */
describe('adminPasswordProblem', () => {
  const account = { email: 'grace.head@centre.example', displayName: 'Grace Head' };

  it('accepts a long phrase of its own', () => {
    expect(adminPasswordProblem('kettle-lantern-orbit-47', account)).toBeNull();
  });

  it.each([
    ['short-1', /at least 12/],
    ['aaaaaabbbbbbcccc', /more different characters/],
    ['MyPassword-2026!', /"password"/],
    ['q1w2-qwerty-2026', /"qwerty"/],
    ['demo-password-2026', /"password"|"demo-password"/],
    ['superadmin-2026!', /"admin"/],
    ['grace.head-2026!', /name or email/],
    ['lantern-HEAD-2026', /name or email/],
  ])('refuses %s', (password, reason) => {
    expect(adminPasswordProblem(password, account)).toMatch(reason);
  });

  it('is what the account schema enforces, on the password field', () => {
    const parsed = adminAccountSchema.safeParse({ ...account, password: 'changeme-2026-now' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['password']);
  });
});
