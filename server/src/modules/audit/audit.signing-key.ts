import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, type AppConfig } from '../../config.js';
import {
  generateSigningKey,
  parsePrivateKey,
  privateKeyPem,
  signingKeyFrom,
  type SigningKey,
} from '../../lib/ed25519.js';

export const KEY_FILE_NAME = 'audit-signing-key.pem';

export interface ResolvedSigningKey {
  key: SigningKey;
  /** Where it came from; `generated` means it was created just now, at `file`. */
  source: 'config' | 'file' | 'generated';
  file?: string;
}

type KeyConfig = Pick<AppConfig, 'AUDIT_SIGNING_KEY' | 'DATA_DIR' | 'DATABASE_URL' | 'NODE_ENV'>;

/**
 * The key that signs audit checkpoints. AUDIT_SIGNING_KEY wins. Without it, a production server on
 * PostgreSQL refuses to start: a key made on the server's own disk could vanish with a container
 * and would be trusted only because the server said so, while the point of the signature is that
 * the operator holds the key apart from the database. Anywhere else (the embedded default, a
 * development PostgreSQL) the key lives in DATA_DIR, created with mode 0600 on first start.
 */
export function resolveSigningKey(config: KeyConfig): ResolvedSigningKey {
  if (config.AUDIT_SIGNING_KEY) {
    return { key: signingKeyFrom(parsePrivateKey(config.AUDIT_SIGNING_KEY)), source: 'config' };
  }
  if (config.NODE_ENV === 'production' && config.DATABASE_URL) {
    throw new ConfigError(
      'AUDIT_SIGNING_KEY is required in production on PostgreSQL: it signs the audit checkpoints. ' +
        'Create one with `openssl genpkey -algorithm ed25519 -outform DER | base64 -w0`, keep it ' +
        'in your secret store, and set AUDIT_SIGNING_KEY to it.',
    );
  }
  const file = path.join(config.DATA_DIR, KEY_FILE_NAME);
  const existing = readKeyFile(file);
  if (existing) return { key: existing, source: 'file', file };
  const key = generateSigningKey();
  mkdirSync(config.DATA_DIR, { recursive: true });
  // 'wx': never overwrite a key another process wrote a moment ago.
  writeFileSync(file, privateKeyPem(key), { mode: 0o600, flag: 'wx' });
  return { key, source: 'generated', file };
}

/** The key kept in DATA_DIR, if there is one (the offline verifier reads it, never creates it). */
export function readKeyFile(file: string): SigningKey | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return signingKeyFrom(parsePrivateKey(readFileSync(file, 'utf8')));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`The audit signing key in ${file} cannot be read: ${reason}`);
  }
}

/**
 * The key buildApp signs with: the one start-up resolved, else AUDIT_SIGNING_KEY, else (tests and
 * scripts that build the app in-process) a key of this process only. Never that last in production.
 */
export function appSigningKey(config: KeyConfig, given: SigningKey | undefined): SigningKey {
  if (given) return given;
  if (config.AUDIT_SIGNING_KEY) return signingKeyFrom(parsePrivateKey(config.AUDIT_SIGNING_KEY));
  if (config.NODE_ENV === 'production') {
    throw new ConfigError('AUDIT_SIGNING_KEY is required in production.');
  }
  return generateSigningKey();
}
