import { openDB, type DBSchema } from 'idb';
import { DEVICE_KEY_ALGORITHM, DEVICE_SIGNATURE_ALGORITHM } from '@exam/shared/protocol';

/**
 * This browser's device key for same-device resume (shared/src/protocol/device-proof.ts): an
 * ECDSA P-256 pair made once with a non-extractable private key and kept in IndexedDB, which
 * stores the CryptoKey itself, so the private key never exists as bytes a script could read or
 * copy to another computer. Signing in again on this browser proves the same key.
 */
export interface DeviceSigner {
  /** base64 of the public key's SPKI encoding, as `hello` names it. */
  publicKey: string;
  /** base64 of the P1363 signature over the nonce's UTF-8 bytes. */
  sign(nonce: string): Promise<string>;
}

interface DeviceKeySchema extends DBSchema {
  keys: { key: string; value: CryptoKeyPair };
}

const base64 = (bytes: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(bytes)));

async function storedOrNewPair(): Promise<CryptoKeyPair> {
  const db = await openDB<DeviceKeySchema>('exam-device', 1, {
    upgrade(database) {
      database.createObjectStore('keys');
    },
  });
  try {
    const kept = await db.get('keys', 'device');
    if (kept) return kept;
    const pair = await crypto.subtle.generateKey(DEVICE_KEY_ALGORITHM, false, ['sign', 'verify']);
    // `add`, not `put`: if another tab made a pair meanwhile, theirs wins and is used.
    await db.add('keys', pair, 'device').catch(() => undefined);
    return (await db.get('keys', 'device')) ?? pair;
  } finally {
    db.close();
  }
}

let signer: Promise<DeviceSigner | null> | undefined;

/**
 * The device's signer, made on first use. Null where WebCrypto or IndexedDB is missing (an old
 * browser, a private window that refuses storage): the exam still runs, and signing in again
 * there needs a proctor's code, as it always did.
 */
export function deviceSigner(): Promise<DeviceSigner | null> {
  signer ??= (async () => {
    try {
      const pair = await storedOrNewPair();
      const publicKey = base64(await crypto.subtle.exportKey('spki', pair.publicKey));
      return {
        publicKey,
        sign: async (nonce: string) =>
          base64(
            await crypto.subtle.sign(
              DEVICE_SIGNATURE_ALGORITHM,
              pair.privateKey,
              new TextEncoder().encode(nonce),
            ),
          ),
      };
    } catch {
      return null;
    }
  })();
  return signer;
}
