import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, type AppConfig } from '../../config.js';
import { KEY_BYTES, parseTotpKey } from '../../lib/totp-key.js';

/**
 * TOTP secrets at rest: AES-256-GCM (node:crypto) with a key held apart from the database, so a
 * copy of the database (a backup, a dump handed to support) cannot mint sign-in codes. The user's
 * id is the additional data: a sealed secret copied onto another account does not open.
 *
 * Stored form: `v1.<iv base64url>.<ciphertext+tag base64url>`. A value without the prefix is a
 * secret written before encryption (base32 only, so it never starts with `v1.`): it is read as
 * is and sealed on the spot (see two-factor.service).
 */
const PREFIX = 'v1.';
export const TOTP_KEY_FILE_NAME = 'totp-encryption.key';

export type TotpSecretBox = ReturnType<typeof createTotpSecretBox>;

export function createTotpSecretBox(key: Buffer) {
  if (key.length !== KEY_BYTES) throw new Error('The TOTP encryption key must be 32 bytes.');
  return {
    seal(userId: string, secret: string): string {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(userId, 'utf8'));
      const body = Buffer.concat([
        cipher.update(secret, 'utf8'),
        cipher.final(),
        cipher.getAuthTag(),
      ]);
      return `${PREFIX}${iv.toString('base64url')}.${body.toString('base64url')}`;
    },

    /** The secret, and whether it was stored in clear (to be sealed now). Throws if tampered. */
    open(userId: string, stored: string): { secret: string; legacy: boolean } {
      if (!stored.startsWith(PREFIX)) return { secret: stored, legacy: true };
      const [ivText, bodyText] = stored.slice(PREFIX.length).split('.');
      const iv = Buffer.from(ivText ?? '', 'base64url');
      const body = Buffer.from(bodyText ?? '', 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAAD(Buffer.from(userId, 'utf8'));
      decipher.setAuthTag(body.subarray(body.length - 16));
      const clear = Buffer.concat([
        decipher.update(body.subarray(0, body.length - 16)),
        decipher.final(),
      ]);
      return { secret: clear.toString('utf8'), legacy: false };
    },

    isSealed(stored: string): boolean {
      return stored.startsWith(PREFIX);
    },
  };
}

type KeyConfig = Pick<AppConfig, 'TOTP_ENCRYPTION_KEY' | 'DATA_DIR' | 'DATABASE_URL' | 'NODE_ENV'>;

/**
 * The key server.ts starts with. TOTP_ENCRYPTION_KEY wins. Without it, a production server on
 * PostgreSQL refuses to start: a key on the server's own disk sits apart from the database only by
 * accident, and a second instance would make another. Anywhere else (the embedded database, whose
 * data is one directory anyway; development) it is generated once into DATA_DIR, mode 0600, as
 * the audit signing key is.
 */
export function resolveTotpKey(config: KeyConfig): { key: Buffer; generated?: string } {
  if (config.TOTP_ENCRYPTION_KEY) return { key: parseTotpKey(config.TOTP_ENCRYPTION_KEY) };
  if (config.NODE_ENV === 'production' && config.DATABASE_URL) {
    throw new ConfigError(
      'TOTP_ENCRYPTION_KEY is required in production on PostgreSQL: it encrypts two-factor secrets at rest. ' +
        'Create one with `openssl rand -base64 32`, keep it in your secret store (losing it ' +
        'means every user enrols two-factor again), and set TOTP_ENCRYPTION_KEY to it.',
    );
  }
  const file = path.join(config.DATA_DIR, TOTP_KEY_FILE_NAME);
  if (existsSync(file)) {
    try {
      return { key: parseTotpKey(readFileSync(file, 'utf8')) };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ConfigError(`The TOTP encryption key in ${file} cannot be read: ${reason}`);
    }
  }
  const key = randomBytes(KEY_BYTES);
  mkdirSync(config.DATA_DIR, { recursive: true });
  try {
    // 'wx': never overwrite a key another process wrote a moment ago...
    writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // ...and if a replica sharing DATA_DIR won that race, use its key.
    // (The file being there is what EEXIST means; asking that keeps fs codes out of ours.)
    if (existsSync(file)) {
      return { key: parseTotpKey(readFileSync(file, 'utf8')) };
    }
    throw error;
  }
  return { key, generated: file };
}

/**
 * The key buildApp uses: the one start-up resolved, else TOTP_ENCRYPTION_KEY, else (tests and
 * scripts that build the app in-process on a fresh database) one of this process only.
 */
export function appTotpKey(config: KeyConfig, given: Buffer | undefined): Buffer {
  if (given) return given;
  if (config.TOTP_ENCRYPTION_KEY) return parseTotpKey(config.TOTP_ENCRYPTION_KEY);
  if (config.NODE_ENV === 'production') {
    throw new ConfigError('TOTP_ENCRYPTION_KEY is required in production.');
  }
  return randomBytes(KEY_BYTES);
}
