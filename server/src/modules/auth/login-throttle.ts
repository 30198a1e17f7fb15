import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import * as throttleRepo from './throttle.repo.js';

/**
 * Failed sign-ins are counted three ways, in PostgreSQL so the counts hold across restarts and
 * instances:
 * - one account from one address: after a few failures that pair is slowed down (a pause that
 *   doubles with each further failure), which stops a guesser without touching anyone else;
 * - one account from anywhere: past a higher count the account is locked briefly and its owner
 *   is mailed an unlock link (a guesser spread over many addresses);
 * - one address: a much higher ceiling, because 200 candidates behind one school's NAT share an
 *   address and must all be able to sign in at the top of the hour.
 *
 * rate-limiter-flexible's PostgreSQL store was the first choice (the library is already used
 * here), but it creates its own table at run time outside the migrations (so `db:check` and the
 * schema would not know it) and talks to a `pg` pool, which the embedded PGlite is not; one small
 * table with an atomic upsert does the same on both.
 */
export const throttleRules = {
  windowMs: 15 * 60_000,
  pairSlowDownAfter: 5,
  pairFirstPauseMs: 30_000,
  pairLongestPauseMs: 5 * 60_000,
  accountLockAfter: 10,
  accountLockMs: 15 * 60_000,
  addressCeiling: 500,
  addressLockMs: 15 * 60_000,
} as const;

const keys = (email: string, address: string) => ({
  pair: `account-address:${email}|${address}`,
  account: `account:${email}`,
  address: `address:${address}`,
});

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;

export function createLoginThrottle(deps: { db: Db; clock: Clock }) {
  return {
    /** Refuses before the password is checked when any of the three counts says so. */
    async assertMayTry(email: string, address: string): Promise<void> {
      const k = keys(email, address);
      const locks = await throttleRepo.locksOf(deps.db, [k.pair, k.account, k.address]);
      const now = deps.clock.now().getTime();
      const active = (key: string) => (locks.get(key)?.getTime() ?? 0) > now;
      if (active(k.account)) {
        throw new AppError(
          'ACCOUNT_LOCKED',
          'This account is locked for a few minutes after too many failed sign-ins. The link in the mail we sent unlocks it now.',
          423,
          { lockedUntil: locks.get(k.account)?.toISOString() },
        );
      }
      if (active(k.pair) || active(k.address)) {
        throw new AppError(
          'RATE_LIMITED',
          'Too many failed sign-in attempts. Wait a moment and try again.',
          429,
        );
      }
    },

    /**
     * Counts a failure; returns the account's lock end when this failure locked it (the caller
     * audits it and mails the unlock link).
     */
    async recordFailure(email: string, address: string): Promise<Date | null> {
      const k = keys(email, address);
      const now = deps.clock.now();
      const { windowMs } = throttleRules;
      const [pair, account, origin] = await Promise.all([
        throttleRepo.countFailure(deps.db, k.pair, now, windowMs),
        throttleRepo.countFailure(deps.db, k.account, now, windowMs),
        throttleRepo.countFailure(deps.db, k.address, now, windowMs),
      ]);
      if (pair.failures >= throttleRules.pairSlowDownAfter) {
        const beyond = pair.failures - throttleRules.pairSlowDownAfter + 1;
        const pause = Math.min(
          throttleRules.pairFirstPauseMs * beyond,
          throttleRules.pairLongestPauseMs,
        );
        await throttleRepo.lockUntil(deps.db, k.pair, new Date(now.getTime() + pause));
      }
      if (origin.failures >= throttleRules.addressCeiling) {
        await throttleRepo.lockUntil(
          deps.db,
          k.address,
          new Date(now.getTime() + throttleRules.addressLockMs),
        );
      }
      if (account.failures === throttleRules.accountLockAfter) {
        const until = new Date(now.getTime() + throttleRules.accountLockMs);
        await throttleRepo.lockUntil(deps.db, k.account, until);
        return until;
      }
      return null;
    },

    /** A successful sign-in forgets this account's failures (the address's ceiling stays). */
    async recordSuccess(email: string, address: string): Promise<void> {
      const k = keys(email, address);
      await throttleRepo.clear(deps.db, [k.pair, k.account]);
    },

    /** The unlock link: the account's own lock and counts go. */
    async unlock(email: string): Promise<void> {
      await throttleRepo.clear(deps.db, [keys(email, '').account]);
    },
  };
}
