/**
 * The rule for an administrator's password, shared so the setup page says exactly what the
 * server will refuse. Length matters most; the rest catches the guesses an attacker tries first.
 */
export const ADMIN_PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 1024;

/** Fragments that make a password one of the first guessed, whatever surrounds them. */
const GUESSED_FIRST = [
  'password',
  'passwort',
  'qwerty',
  'azerty',
  '123456',
  'abcdef',
  'letmein',
  'welcome',
  'changeme',
  'iloveyou',
  'admin',
  'demo-password',
];

/**
 * Why this password is too weak for an administrator, or null when it will do. `email` and
 * `displayName` are the account's: a password built from them is guessed early.
 */
export interface PasswordAccount {
  email?: string | undefined;
  displayName?: string | undefined;
}

export function adminPasswordProblem(
  password: string,
  account: PasswordAccount = {},
): string | null {
  if (password.length < ADMIN_PASSWORD_MIN_LENGTH) {
    return `Use at least ${ADMIN_PASSWORD_MIN_LENGTH} characters.`;
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  }
  if (new Set(password).size < 6) return 'Use more different characters.';
  const lower = password.toLowerCase();
  const guessed = GUESSED_FIRST.find((fragment) => lower.includes(fragment));
  if (guessed) return `Do not build it on "${guessed}": that is among the first guesses.`;
  const personal = [
    account.email?.split('@')[0],
    ...(account.displayName?.split(/\s+/) ?? []),
  ].filter((part): part is string => part !== undefined && part.length >= 4);
  if (personal.some((part) => lower.includes(part.toLowerCase()))) {
    return 'Do not use your name or email address in it.';
  }
  return null;
}
