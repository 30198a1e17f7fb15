import { availableParallelism } from 'node:os';
import argon2 from 'argon2';
import { Semaphore } from './semaphore.js';

/**
 * argon2id at the OWASP Password Storage Cheat Sheet's first recommendation: 19 MiB of memory,
 * two passes, one lane. The parameters travel inside every hash, so a hash made with older ones
 * (the library's 64 MiB, t=3, p=4 defaults this platform used before) still verifies, and
 * `needsPasswordRehash` says it should be replaced at the next sign-in.
 */
export const passwordHashParameters = {
  type: argon2.argon2id,
  memoryCost: 19 * 1024,
  timeCost: 2,
  parallelism: 1,
} as const;

/**
 * argon2's native binding already hashes on libuv's threadpool, so the event loop never runs a
 * hash; but a sign-in storm would otherwise put a hash on every core (and every pool thread, which
 * file reads share) and starve the loop that acknowledges saves. So hashes run one fewer at a time
 * than there are cores (at least one), leaving a core to the event loop; the rest queue in order.
 */
export const passwordHashSlots = new Semaphore(Math.max(1, availableParallelism() - 1));

export function hashPassword(password: string): Promise<string> {
  return passwordHashSlots.run(() => argon2.hash(password, passwordHashParameters));
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  // A stored value that is no argon2 hash (an invited account's NO_PASSWORD) verifies nothing,
  // yet still costs one hash: argon2 refusing it at once would make a sign-in to an account
  // invited but not yet accepted answer sooner than one to an unknown address or a real account.
  if (!hash.startsWith('$argon2')) {
    await verifyHash(await dummyPasswordHash(), password);
    return false;
  }
  return verifyHash(hash, password);
}

async function verifyHash(hash: string, password: string): Promise<boolean> {
  try {
    return await passwordHashSlots.run(() => argon2.verify(hash, password));
  } catch {
    return false;
  }
}

/** True when a stored hash was made with other parameters than today's (or is no argon2 hash). */
export function needsPasswordRehash(hash: string): boolean {
  try {
    return argon2.needsRehash(hash, passwordHashParameters);
  } catch {
    return true;
  }
}

// Verified against when the account does not exist, so timing does not reveal which emails exist.
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('not-a-real-password-for-timing-only');
  return dummyHash;
}

/**
 * What an invited user holds until they accept: no argon2 hash, so nothing verifies against it
 * (argon2 refuses to parse it and `verifyPassword` answers false).
 */
export const NO_PASSWORD = '!invited-no-password-yet';
