import { adminPasswordProblem, type PasswordAccount } from './password-strength.js';

/**
 * The password rule for every account (set at invitation, reset or change): the length and
 * first-guess rule of `adminPasswordProblem`, then zxcvbn-ts with its packaged common and English
 * dictionaries (common passwords, names, words, keyboard patterns) and the account's own name and
 * address as user inputs. The same function runs in the form and on the server, so the form says
 * exactly why the server would refuse.
 *
 * zxcvbn's dictionaries are about a megabyte: they are imported on the first call, so the client
 * downloads them only on a page that has a password form.
 */
export const MIN_PASSWORD_SCORE = 3;

export interface PasswordVerdict {
  ok: boolean;
  /** Why the password is refused, in words a person can act on; empty when ok. */
  reasons: string[];
}

type Checker = (
  password: string,
  userInputs: string[],
) => { score: number; warning: string | null; suggestions: string[] };

let checker: Promise<Checker> | undefined;

function loadChecker(): Promise<Checker> {
  checker ??= (async () => {
    const [core, common, english] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
    ]);
    const zxcvbn = new core.ZxcvbnFactory({
      translations: english.translations,
      graphs: common.adjacencyGraphs,
      dictionary: { ...common.dictionary, ...english.dictionary },
      useLevenshteinDistance: true,
    });
    return (password, userInputs) => {
      const result = zxcvbn.check(password, userInputs);
      return {
        score: result.score,
        warning: result.feedback.warning,
        suggestions: result.feedback.suggestions,
      };
    };
  })();
  return checker;
}

/** The pieces of an account a password must not be built on: name parts, the address and its parts. */
export function personalInputs(account: PasswordAccount): string[] {
  const email = account.email?.toLowerCase();
  const parts = [
    email,
    email?.split('@')[0],
    ...(email?.split('@')[0]?.split(/[._+-]/) ?? []),
    ...(account.displayName?.toLowerCase().split(/\s+/) ?? []),
  ];
  return [...new Set(parts.filter((part): part is string => !!part && part.length >= 3))];
}

/** Whether the password may be used for this account, and why not. */
export async function checkPassword(
  password: string,
  account: PasswordAccount = {},
): Promise<PasswordVerdict> {
  const basic = adminPasswordProblem(password, account);
  if (basic) return { ok: false, reasons: [basic] };
  const check = await loadChecker();
  const result = check(password, personalInputs(account));
  if (result.score >= MIN_PASSWORD_SCORE) return { ok: true, reasons: [] };
  const reasons = [
    result.warning ?? 'This password would be guessed too quickly.',
    ...result.suggestions,
  ];
  return { ok: false, reasons: [...new Set(reasons)] };
}
