/** The length of the AES-256 key that encrypts TOTP secrets (see modules/auth/totp-secret-box). */
export const KEY_BYTES = 32;

/** 32 bytes, given as base64 (e.g. `openssl rand -base64 32`) or 64 hex digits. */
export function parseTotpKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : Buffer.from(trimmed, 'base64');
  if (key.length !== KEY_BYTES) throw new Error('must be 32 bytes, base64 or hex');
  return key;
}

export function isTotpKey(text: string): boolean {
  try {
    parseTotpKey(text);
    return true;
  } catch {
    return false;
  }
}
