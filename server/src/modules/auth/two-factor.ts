import { randomInt } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import { hashToken } from './tokens.js';

/**
 * TOTP (RFC 6238) with otplib: 6 digits, 30-second steps, SHA-1, as every authenticator app
 * reads from an `otpauth://` URI. otplib is maintained, typed, and its default crypto and base32
 * plugins are the audited @noble/@scure libraries. One step either side is accepted for clock
 * drift; a step once used is refused after (no replay within the window).
 */
export const TOTP_STEP_SECONDS = 30;
const DRIFT_SECONDS = TOTP_STEP_SECONDS;
export const RECOVERY_CODE_COUNT = 10;

export function newTotpSecret(): string {
  return generateSecret();
}

export async function enrolmentPicture(input: {
  secret: string;
  issuer: string;
  label: string;
}): Promise<{ uri: string; qrSvg: string }> {
  const uri = generateURI({ issuer: input.issuer, label: input.label, secret: input.secret });
  // An SVG drawn on the server: nothing is fetched, and the secret never reaches a third party.
  const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { uri, qrSvg };
}

/** The time step a valid code belongs to, or null when the code is wrong or already used. */
export async function verifyTotp(input: {
  secret: string;
  code: string;
  now: Date;
  lastStep: number | null;
}): Promise<number | null> {
  if (!/^\d{6}$/.test(input.code)) return null;
  const result = await verify({
    secret: input.secret,
    token: input.code,
    epoch: Math.floor(input.now.getTime() / 1000),
    epochTolerance: DRIFT_SECONDS,
    ...(input.lastStep !== null ? { afterTimeStep: input.lastStep } : {}),
  });
  if (!result.valid) return null;
  return 'timeStep' in result && typeof result.timeStep === 'number'
    ? result.timeStep
    : Math.floor(input.now.getTime() / 1000 / TOTP_STEP_SECONDS);
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten codes like `k7mq-x2vd-9hpt`: 60 bits each, no look-alike characters. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from(
      { length: 12 },
      () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)],
    );
    return [0, 4, 8].map((i) => chars.slice(i, i + 4).join('')).join('-');
  });
}

/** Codes are compared without case, spaces or dashes, as people type them. */
export function hashRecoveryCode(code: string): string {
  return hashToken(code.toLowerCase().replace(/[^a-z0-9]/g, ''));
}
