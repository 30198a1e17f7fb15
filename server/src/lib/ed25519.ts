import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';

/**
 * Ed25519 keys in the two text forms operators handle: PEM, or one line of base64 DER (PKCS8
 * for a private key, SPKI for a public one), which fits an environment variable or a command line.
 */
export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** First 16 hex digits of SHA-256 over the public key's SPKI DER. */
  keyId: string;
  /** The public key as one line of base64 SPKI DER. */
  publicKeyText: string;
}

// Environment variables often carry a PEM with its newlines escaped.
function unescapeNewlines(text: string): string {
  return text.trim().replace(/\\n/g, '\n');
}

function asEd25519(key: KeyObject, what: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new Error(`${what} is a ${key.asymmetricKeyType ?? 'non-asymmetric'} key, not Ed25519`);
  }
  return key;
}

/** PEM or base64 PKCS8 DER; throws an Error saying what is wrong. */
export function parsePrivateKey(text: string): KeyObject {
  const source = unescapeNewlines(text);
  const key = source.startsWith('-----BEGIN')
    ? createPrivateKey(source)
    : createPrivateKey({ key: Buffer.from(source, 'base64'), format: 'der', type: 'pkcs8' });
  return asEd25519(key, 'the private key');
}

/** PEM or base64 SPKI DER; throws an Error saying what is wrong. */
export function parsePublicKey(text: string): KeyObject {
  const source = unescapeNewlines(text);
  const key = source.startsWith('-----BEGIN')
    ? createPublicKey(source)
    : createPublicKey({ key: Buffer.from(source, 'base64'), format: 'der', type: 'spki' });
  return asEd25519(key, 'the public key');
}

export function publicKeyText(publicKey: KeyObject): string {
  return publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
}

export function keyIdOf(publicKey: KeyObject): string {
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

export function signingKeyFrom(privateKey: KeyObject): SigningKey {
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKey,
    keyId: keyIdOf(publicKey),
    publicKeyText: publicKeyText(publicKey),
  };
}

export function generateSigningKey(): SigningKey {
  return signingKeyFrom(generateKeyPairSync('ed25519').privateKey);
}

export function privateKeyPem(key: SigningKey): string {
  return key.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

/** Ed25519 signs the message itself (no separate digest), hence the null algorithm. */
export function signBytes(key: SigningKey, message: Buffer): string {
  return sign(null, message, key.privateKey).toString('base64');
}

export function signatureValid(publicKey: KeyObject, message: Buffer, signature: string): boolean {
  try {
    return verify(null, message, publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
