import { z } from 'zod';

/** The largest logo accepted, in bytes of the image itself (not of its base64 text). */
export const LOGO_MAX_BYTES = 200 * 1024;

const LOGO_DATA_URL = /^data:image\/(png|jpeg);base64,([A-Za-z0-9+/]+={0,2})$/;

/** Bytes a base64 payload decodes to, without decoding it (works in the browser and in Node). */
export function base64Bytes(payload: string): number {
  const padding = payload.endsWith('==') ? 2 : payload.endsWith('=') ? 1 : 0;
  return Math.floor((payload.length * 3) / 4) - padding;
}

/**
 * Whether a data: URL holds a PNG or JPEG of at most LOGO_MAX_BYTES whose first bytes say so
 * (a renamed GIF or an SVG with a PNG label is refused: letters and headers embed the bytes as is).
 */
export function logoProblem(dataUrl: string): string | null {
  const match = LOGO_DATA_URL.exec(dataUrl);
  if (!match) return 'The logo must be a PNG or JPEG image.';
  const [, kind, payload] = match as unknown as [string, 'png' | 'jpeg', string];
  if (base64Bytes(payload) > LOGO_MAX_BYTES) return 'The logo must be at most 200 KB.';
  // PNG files start 89 50 4E 47 ("iVBORw" in base64); JPEG files FF D8 FF ("/9j/").
  const signature = kind === 'png' ? 'iVBORw' : '/9j/';
  if (!payload.startsWith(signature)) return `The file is not a ${kind.toUpperCase()} image.`;
  return null;
}

/** Whether the runtime knows this IANA time zone (Intl throws RangeError for an unknown one). */
export function isTimeZone(zone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Days in each month of a common year: a deadline must fall every year, so never 29 February. */
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether "MM-DD" names a day that exists every year. */
export function isMonthDay(value: string): boolean {
  const match = /^(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const month = Number(match[1]);
  const day = Number(match[2]);
  return month >= 1 && month <= 12 && day >= 1 && day <= DAYS_IN_MONTH[month - 1]!;
}

export const monthDaySchema = z
  .string()
  .max(5, 'A deadline is a month and day, MM-DD, that falls every year')
  .refine(isMonthDay, 'A deadline is a month and day, MM-DD, that falls every year');

/**
 * The association's rules for a sitting's clock and for retakes by part. Defaults are the
 * commonest rules today, so a settings form from before these existed keeps working.
 */
const sittingRulesShape = {
  /** Check-in (and the sitting) opens this many minutes before the start. */
  checkInOpensMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(30),
  /** Past this many minutes after the start a candidate is late: only a proctor admits them. */
  lateCutoffMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(15),
  /** Months a passed part stays valid while the other part is retaken. */
  retakeValidityMonths: z.number().int().min(1).max(120).default(24),
  /** Days after the failed sitting before a retake sitting may start. */
  retakeWaitDays: z.number().int().min(0).max(3650).default(365),
  /** Attempts at one part, the first included. */
  retakeMaxAttempts: z.number().int().min(1).max(20).default(3),
  /** A retake is requested at least this many days before the sitting starts (56: eight weeks). */
  retakeRequestDays: z.number().int().min(0).max(365).default(56),
};

/** What an administrator or the association's coordinator may set. */
export const associationSettingsSchema = z.object({
  name: z.string().trim().min(1).max(200),
  shortName: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[A-Za-z0-9][A-Za-z0-9 .&-]*$/, 'Letters, digits, spaces, dots, & and dashes only'),
  /** A data: URL (PNG or JPEG, at most 200 KB), or null for the name alone. */
  logo: z
    .string()
    .max(400_000)
    .nullable()
    .superRefine((value, ctx) => {
      const problem = value === null ? null : logoProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  contactEmail: z.string().trim().toLowerCase().email().max(254),
  timeZone: z.string().trim().max(100).refine(isTimeZone, 'Not a known IANA time zone'),
  applicationDeadlines: z
    .array(monthDaySchema)
    .max(12)
    .refine((days) => new Set(days).size === days.length, 'Each deadline once')
    .transform((days) => [...days].sort()),
  retentionYears: z.number().int().min(1).max(100),
  /** The From: of the association's mail, e.g. "MI-AIMH Endorsement <endorsement@mi-aimh.org>". */
  mailSender: z.string().trim().max(300).nullable(),
  ...sittingRulesShape,
});
export type AssociationSettings = z.infer<typeof associationSettingsSchema>;
export type AssociationSettingsInput = z.input<typeof associationSettingsSchema>;

export const associationSchema = associationSettingsSchema.extend({
  id: z.string().uuid(),
  createdAt: z.string(),
});
export type Association = z.infer<typeof associationSchema>;

export const associationsResponseSchema = z.object({ associations: z.array(associationSchema) });
export type AssociationsResponse = z.infer<typeof associationsResponseSchema>;

export const associationResponseSchema = z.object({ association: associationSchema });
export type AssociationResponse = z.infer<typeof associationResponseSchema>;

/** What the candidate's pages show: the acting association's name and logo, or null for none. */
export const associationBrandingSchema = z.object({
  name: z.string(),
  shortName: z.string(),
  logo: z.string().nullable(),
});
export type AssociationBranding = z.infer<typeof associationBrandingSchema>;

export const brandingResponseSchema = z.object({ branding: associationBrandingSchema.nullable() });
export type BrandingResponse = z.infer<typeof brandingResponseSchema>;
