import { z } from 'zod';

/**
 * Same-device resume: a browser keeps a non-extractable ECDSA P-256 key pair (IndexedDB) and
 * names its public key in `hello`; the server answers with a one-time nonce, the browser signs
 * it and the server compares the proven key with the one registered with the attempt. Proven
 * and registered: the candidate continues without a proctor's resume code. A signature is
 * good for its own connection's nonce only, so a replayed one proves nothing.
 */

/** The ECDSA curve and hash both sides use (WebCrypto names). */
export const DEVICE_KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
export const DEVICE_SIGNATURE_ALGORITHM = { name: 'ECDSA', hash: 'SHA-256' } as const;

/** A P-256 SubjectPublicKeyInfo is 91 bytes: 124 characters of base64. Room to spare, no more. */
const base64 = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64');

/** In `hello`: the device's public key, base64 of its SPKI encoding. */
export const deviceClaimSchema = z.strictObject({ publicKey: base64(200) });
export type DeviceClaim = z.infer<typeof deviceClaimSchema>;

/** client -> server: the signature (IEEE P1363, r||s, base64) over the challenge's nonce. */
export const deviceProveSchema = z.strictObject({
  type: z.literal('device.prove'),
  signature: base64(200),
});

/** server -> client: sign this nonce (base64) with the key named in hello. */
export const deviceChallengeSchema = z.object({
  type: z.literal('device.challenge'),
  serverTime: z.number(),
  nonce: base64(100),
});
