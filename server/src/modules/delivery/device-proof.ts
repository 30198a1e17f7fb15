import { createPublicKey, randomBytes, verify } from 'node:crypto';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { findDeviceKey, registerDeviceKey } from './device-keys.repo.js';

/** How long the server waits for device.prove after its challenge before treating it as unproven. */
const PROOF_TIMEOUT_MS = 10_000;

/**
 * True when `signature` (IEEE P1363, base64) is the SPKI key's ECDSA P-256/SHA-256 signature of
 * `nonce`. A malformed key or signature proves nothing; it is never an error.
 */
export function verifyDeviceSignature(
  publicKey: string,
  nonce: string,
  signature: string,
): boolean {
  try {
    const key = createPublicKey({
      key: Buffer.from(publicKey, 'base64'),
      format: 'der',
      type: 'spki',
    });
    if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
      return false;
    }
    return verify(
      'sha256',
      Buffer.from(nonce, 'utf8'),
      { key, dsaEncoding: 'ieee-p1363' },
      Buffer.from(signature, 'base64'),
    );
  } catch {
    return false;
  }
}

/**
 * One connection's challenge: a fresh nonce, answered once. A signature that arrives with no
 * challenge pending (a replay, a second answer) is ignored, so it proves nothing.
 */
export class DeviceChallenge {
  readonly nonce = randomBytes(32).toString('base64');
  private answer: ((signature: string | null) => void) | undefined;
  private readonly answered: Promise<string | null>;

  constructor() {
    this.answered = new Promise((resolve) => {
      this.answer = resolve;
      setTimeout(() => resolve(null), PROOF_TIMEOUT_MS).unref();
    });
  }

  /** device.prove: the first answer counts; any later one is dropped. */
  receive(signature: string): void {
    this.answer?.(signature);
    this.answer = undefined;
  }

  /** The proven public key, or null when the answer is missing, late or wrong. */
  async provenKey(publicKey: string): Promise<string | null> {
    const signature = await this.answered;
    this.answer = undefined;
    return signature && verifyDeviceSignature(publicKey, this.nonce, signature) ? publicKey : null;
  }
}

/** The attempt's registered device key: read on reconnect, written once a device is let in. */
export function createDeviceKeys(deps: { db: Db; clock: Clock }) {
  return {
    async isRegistered(attemptId: string, publicKey: string): Promise<boolean> {
      return (await findDeviceKey(deps.db, attemptId)) === publicKey;
    },
    async register(attemptId: string, publicKey: string): Promise<void> {
      await registerDeviceKey(deps.db, attemptId, publicKey, deps.clock.now());
    },
  };
}
export type DeviceKeys = ReturnType<typeof createDeviceKeys>;
