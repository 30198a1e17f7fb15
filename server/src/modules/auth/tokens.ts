import { createHash, randomBytes } from 'node:crypto';

/** A random single-use token for a link or a pending step: 256 bits, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * What is stored of a token: its SHA-256. The token is random, so a fast hash is enough (no
 * salt or stretching needed), and a copy of the table opens nothing.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
