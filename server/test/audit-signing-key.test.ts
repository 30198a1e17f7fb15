import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { generateSigningKey, privateKeyPem } from '../src/lib/ed25519.js';
import { resolveSigningKey } from '../src/modules/audit/index.js';

const freshDir = () => mkdtempSync(path.join(tmpdir(), 'audit-key-'));

describe('audit signing key', () => {
  it('is generated once in DATA_DIR with mode 0600 on the embedded default, then reused', () => {
    const dataDir = freshDir();
    const config = loadConfig({ DATA_DIR: dataDir });
    const first = resolveSigningKey(config);
    expect(first.source).toBe('generated');
    expect(first.file).toBe(path.join(dataDir, 'audit-signing-key.pem'));
    expect(statSync(first.file!).mode & 0o777).toBe(0o600);
    const again = resolveSigningKey(config);
    expect(again.source).toBe('file');
    expect(again.key.keyId).toBe(first.key.keyId);
  });

  it('comes from AUDIT_SIGNING_KEY, as PEM (newlines escaped or not) or base64 PKCS8', () => {
    const key = generateSigningKey();
    const pem = privateKeyPem(key);
    const base64 = pem.replace(/-----[A-Z ]+-----|\s/g, '');
    for (const value of [pem, pem.replace(/\n/g, '\\n'), base64]) {
      const resolved = resolveSigningKey(
        loadConfig({ AUDIT_SIGNING_KEY: value, DATA_DIR: freshDir() }),
      );
      expect(resolved).toMatchObject({ source: 'config', key: { keyId: key.keyId } });
    }
  });

  it('is required in production on PostgreSQL: start-up refuses, naming the variable', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://exams@db:5432/exams',
      DATA_DIR: freshDir(),
    });
    expect(() => resolveSigningKey(config)).toThrow(ConfigError);
    expect(() => resolveSigningKey(config)).toThrow(/AUDIT_SIGNING_KEY is required/);
  });

  it('refuses a value that is not an Ed25519 private key', () => {
    expect(() => loadConfig({ AUDIT_SIGNING_KEY: 'not-a-key' })).toThrow(
      /AUDIT_SIGNING_KEY: must be an Ed25519 private key/,
    );
    // A public key where the private one belongs is refused too.
    expect(() => loadConfig({ AUDIT_SIGNING_KEY: generateSigningKey().publicKeyText })).toThrow(
      /AUDIT_SIGNING_KEY/,
    );
  });
});
