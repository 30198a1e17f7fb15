import { z } from 'zod';

/**
 * Field schemas the candidate messages share across both directions and the welcome's state
 * shapes. Internal to the protocol folder: index.ts does not re-export this file.
 */

export const seq = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
export const partNumber = z.union([z.literal(1), z.literal(2)]);
export const position = z.number().int().min(1).max(500);
/**
 * When the client says it made a change: its clock corrected by the skew it measured, so in
 * server time. Shown to whoever decides a held late change; it decides nothing by itself.
 */
export const madeAt = z.number().int().min(0).max(8.64e15).optional();

export const vignettePosition = z.number().int().min(1).max(10);
export const revision = z.number().int().min(1).max(2_000_000_000);

/** Spread into every server -> client message: the server's clock when it sent it. */
export const serverTimeField = { serverTime: z.number() };
