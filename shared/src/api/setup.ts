import { z } from 'zod';
import { adminPasswordProblem, PASSWORD_MAX_LENGTH } from '../domain/password-strength.js';

/**
 * The first administrator of a production deployment: created by `npm run admin:create` or
 * through the one-time setup link printed at first start (`/setup#token=...`).
 */
export const setupTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'Not a setup link token.');

export const setupLinkCheckSchema = z.object({ token: setupTokenSchema });
export type SetupLinkCheck = z.infer<typeof setupLinkCheckSchema>;

/** An administrator account: email, name, and a password the strength rule accepts. */
export const adminAccountSchema = z
  .object({
    email: z.string().trim().toLowerCase().email().max(254),
    displayName: z.string().trim().min(1).max(200),
    password: z.string().max(PASSWORD_MAX_LENGTH),
  })
  .superRefine((account, ctx) => {
    const problem = adminPasswordProblem(account.password, account);
    if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
  });
export type AdminAccount = z.infer<typeof adminAccountSchema>;

export const firstAdminRequestSchema = z.intersection(setupLinkCheckSchema, adminAccountSchema);
export type FirstAdminRequest = z.infer<typeof firstAdminRequestSchema>;
