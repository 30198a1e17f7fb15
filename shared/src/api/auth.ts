import { z } from 'zod';
import { roles } from '../domain/roles.js';
import { receivedErrorCodeSchema } from '../errors/error-codes.js';

export const roleSchema = z.enum(roles);

export const loginRequestSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** An association as its own people see it named. */
export const associationRefSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  shortName: z.string(),
});
export type AssociationRef = z.infer<typeof associationRefSchema>;

/** One association a user belongs to, and the roles they hold in it. */
export const membershipSchema = associationRefSchema.extend({ roles: z.array(roleSchema) });
export type Membership = z.infer<typeof membershipSchema>;

export const currentUserSchema = z.object({
  id: z.string().uuid(),
  email: z.string(),
  displayName: z.string(),
  /**
   * The roles in force now: the programme's roles plus those held in the association the user
   * acts for. Every role check reads these, so every check names the association.
   */
  roles: z.array(roleSchema),
  /** The association the user acts for, or null for someone who holds programme roles only. */
  association: associationRefSchema.nullable(),
  /** Every association the user belongs to; more than one lets them choose. */
  memberships: z.array(membershipSchema),
  /**
   * The IANA zone every date is shown in: the user's own, else the acting association's, else
   * UTC. The page names it beside each time.
   */
  timeZone: z.string(),
});
export type CurrentUser = z.infer<typeof currentUserSchema>;

export const sessionResponseSchema = z.object({
  user: currentUserSchema,
  /** Shown on staff pages when the platform runs on the embedded database. */
  embeddedDatabase: z.boolean(),
  /**
   * An administrator or coordinator without a second factor: every page but enrolment is closed
   * to them until they turn it on (the server refuses the rest with TWO_FACTOR_ENROLMENT_REQUIRED).
   */
  twoFactorEnrolmentRequired: z.boolean().optional(),
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

export const createUserRequestSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  displayName: z.string().trim().min(1).max(200),
  /** Absent: the account is invited by mail to choose its own password. */
  password: z.string().min(12, 'Passwords need at least 12 characters').max(1024).optional(),
  roles: z.array(roleSchema).min(1).max(roles.length),
  /**
   * Where association roles are held: an administrator names it (or acts for it); a coordinator
   * may name only the association they act for.
   */
  associationId: z.string().uuid().optional(),
});
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;

/** Where the user asking may grant association roles: every association for an admin, else their own. */
export const grantAssociationsResponseSchema = z.object({
  associations: z.array(associationRefSchema),
});
export type GrantAssociationsResponse = z.infer<typeof grantAssociationsResponseSchema>;

export const actForAssociationRequestSchema = z.object({ associationId: z.string().uuid() });
export type ActForAssociationRequest = z.infer<typeof actForAssociationRequestSchema>;

export const setRolesRequestSchema = z.object({
  roles: z.array(roleSchema).max(roles.length),
  /** As for creating a user: where the association roles in `roles` are held. */
  associationId: z.string().uuid().optional(),
});
export type SetRolesRequest = z.infer<typeof setRolesRequestSchema>;

/**
 * A user as an administrator or coordinator sees them: `roles` are the programme's roles plus
 * those held in the viewer's association (a coordinator sees only their own association's people).
 */
export const userSummarySchema = currentUserSchema
  .pick({ id: true, email: true, displayName: true, roles: true })
  .extend({ disabled: z.boolean() });
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
