import { z } from 'zod';
import { isValidTimeZone } from '../domain/zoned-time.js';

/** The signed-in user's own time zone (null: their association's). */
export const accountTimeZoneSchema = z.object({
  /** The user's own choice, or null to follow the association. */
  timeZone: z.string().nullable(),
  /** The association's zone the user follows when they chose none (UTC without one). */
  associationTimeZone: z.string(),
  /** The zone in force: their own, else the association's. */
  effective: z.string(),
});
export type AccountTimeZone = z.infer<typeof accountTimeZoneSchema>;

export const accountTimeZoneRequestSchema = z.strictObject({
  timeZone: z
    .string()
    .trim()
    .max(100)
    .refine(isValidTimeZone, 'Choose a time zone from the list, e.g. America/Detroit')
    .nullable(),
});
export type AccountTimeZoneRequest = z.infer<typeof accountTimeZoneRequestSchema>;
