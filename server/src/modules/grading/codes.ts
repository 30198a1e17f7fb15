import { createHash, randomBytes } from 'node:crypto';

/** Crockford base32: no I, L, O or U, so codes read aloud and typed back are unambiguous. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A response code graders see: random, so it says nothing about the candidate, the attempt or
 * the order responses came in. 40 bits; the unique constraint catches the rare collision.
 */
export function newResponseCode(): string {
  // 256 is a multiple of 32, so taking each byte modulo 32 is unbiased.
  const bytes = randomBytes(8);
  let code = 'R-';
  for (const byte of bytes) code += ALPHABET[byte % 32];
  return code;
}

/**
 * A grader's queue position for an item: stable (the same every time the queue is read) and
 * pseudo-random per grader, so two graders meet the same responses in different orders and no
 * order follows submission time or candidate.
 */
export function queueOrderKey(graderId: string, itemId: string): string {
  return createHash('sha256').update(`${graderId}:${itemId}`).digest('hex');
}
