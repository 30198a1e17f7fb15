import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** A sitting's Safe Exam Browser settings, kept in its policies under `seb`. */
export const sebPolicySchema = z.object({
  required: z.boolean().default(false),
  /** Config Keys of the approved SEB configuration files (hex). */
  configKeys: z.array(z.string().trim().min(1)).default([]),
  /** Optional Browser Exam Keys of approved SEB builds (hex). */
  browserExamKeys: z.array(z.string().trim().min(1)).default([]),
});
export type SebPolicy = z.infer<typeof sebPolicySchema>;

export const CONFIG_KEY_HEADER = 'x-safeexambrowser-configkeyhash';
export const BROWSER_EXAM_KEY_HEADER = 'x-safeexambrowser-requesthash';

/** SEB's request hash: hex SHA-256 of the absolute request URL followed by the key. */
export function sebHash(url: string, key: string): string {
  return createHash('sha256')
    .update(url + key)
    .digest('hex');
}

const SEB_HASH = /^[0-9a-f]{64}$/;

/** SEB sends its hashes as exactly 64 lower-case hex digits; anything else is refused unread. */
export function isSebHash(header: string): boolean {
  return SEB_HASH.test(header);
}

/**
 * Whether `header` is the hash of one of the URLs the request may have been made to, with one
 * of the keys: byte for byte, no case folding, in constant time.
 */
export function matchesAnyKey(
  header: string | undefined,
  urls: readonly string[],
  keys: readonly string[],
): boolean {
  if (!header || !isSebHash(header)) return false;
  const sent = Buffer.from(header, 'hex');
  let matched = false;
  // Every comparison runs over 32 bytes, so timing reveals neither which key or URL came close
  // nor how much of the hash was right.
  for (const url of urls) {
    for (const key of keys) {
      if (timingSafeEqual(sent, Buffer.from(sebHash(url, key), 'hex'))) matched = true;
    }
  }
  return matched;
}

/**
 * The absolute URLs a request may have been signed for: the public URL, and for a websocket
 * upgrade also its ws:// or wss:// form, since SEB signs the URL it requested.
 */
export function candidateUrls(publicOrigin: string, path: string, upgrade: boolean): string[] {
  const httpUrl = new URL(path, publicOrigin).toString();
  if (!upgrade) return [httpUrl];
  const wsUrl = new URL(path, publicOrigin);
  wsUrl.protocol = wsUrl.protocol === 'https:' ? 'wss:' : 'ws:';
  return [httpUrl, wsUrl.toString()];
}
