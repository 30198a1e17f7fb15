import { z } from 'zod';
import { roles } from '../domain/roles.js';
import { receivedErrorCodeSchema } from '../errors/error-codes.js';

export const roleSchema = z.enum(roles);

export const loginRequestSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const currentUserSchema = z.object({
  id: z.string().uuid(),
  email: z.string(),
  displayName: z.string(),
  roles: z.array(roleSchema),
});
export type CurrentUser = z.infer<typeof currentUserSchema>;

export const sessionResponseSchema = z.object({
  user: currentUserSchema,
  /** Shown on staff pages when the platform runs on the embedded database. */
  embeddedDatabase: z.boolean(),
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

export const createUserRequestSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  displayName: z.string().trim().min(1).max(200),
  password: z.string().min(12, 'Passwords need at least 12 characters').max(1024),
  roles: z.array(roleSchema).min(1).max(roles.length),
});
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;

export const setRolesRequestSchema = z.object({
  roles: z.array(roleSchema).max(roles.length),
});
export type SetRolesRequest = z.infer<typeof setRolesRequestSchema>;

export const userSummarySchema = currentUserSchema.extend({ disabled: z.boolean() });
export type UserSummary = z.infer<typeof userSummarySchema>;

/** Every HTTP error body; `code` is one of shared's closed list (an unknown one reads as UNKNOWN_ERROR). */
export const apiErrorSchema = z.object({
  error: z.object({
    code: receivedErrorCodeSchema,
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;
