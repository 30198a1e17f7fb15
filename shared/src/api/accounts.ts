import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from '../domain/password-strength.js';
import { sessionResponseSchema } from './auth.js';

/** A password a person chose: checked against the policy by the service, not here. */
const newPasswordSchema = z.string().min(1).max(PASSWORD_MAX_LENGTH);
const tokenSchema = z.string().min(20).max(200);

/** The password was right and the account has a second factor: the code comes next. */
export const twoFactorChallengeSchema = z.object({
  twoFactorRequired: z.literal(true),
  /** Short-lived and single-purpose: it opens no session, it only carries the sign-in to its code. */
  pendingToken: z.string(),
  expiresAt: z.string(),
});
export type TwoFactorChallenge = z.infer<typeof twoFactorChallengeSchema>;

export const loginResponseSchema = z.union([sessionResponseSchema, twoFactorChallengeSchema]);
export type LoginResponse = z.infer<typeof loginResponseSchema>;

/** The second step: an authenticator code, or one of the recovery codes. */
export const twoFactorLoginRequestSchema = z.union([
  z.object({ pendingToken: tokenSchema, code: z.string().trim().max(10) }),
  z.object({ pendingToken: tokenSchema, recoveryCode: z.string().trim().max(40) }),
]);
export type TwoFactorLoginRequest = z.infer<typeof twoFactorLoginRequestSchema>;

export const changePasswordRequestSchema = z.object({
  currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  newPassword: newPasswordSchema,
});
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;

/** `details` of a WEAK_PASSWORD refusal. */
export const weakPasswordDetailsSchema = z.object({ reasons: z.array(z.string()) });

export const accountSessionSchema = z.object({
  id: z.string(),
  /** The browser and system, summarised from the User-Agent ("Firefox on Windows"). */
  device: z.string(),
  address: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string().nullable(),
  /** The session this request came with. */
  current: z.boolean(),
});
export type AccountSession = z.infer<typeof accountSessionSchema>;
export const accountSessionsResponseSchema = z.object({ sessions: z.array(accountSessionSchema) });
export type AccountSessionsResponse = z.infer<typeof accountSessionsResponseSchema>;

export const twoFactorStatusSchema = z.object({
  enabled: z.boolean(),
  /** Administrators and coordinators must have it; the server limits their session until then. */
  required: z.boolean(),
  /** Whether this account may turn it on (staff roles; never candidates). */
  offered: z.boolean(),
  recoveryCodesLeft: z.number().int(),
});
export type TwoFactorStatus = z.infer<typeof twoFactorStatusSchema>;

export const twoFactorEnrolmentSchema = z.object({
  /** For typing into an app by hand; shown during enrolment only, never again. */
  secret: z.string(),
  uri: z.string(),
  qrSvg: z.string(),
});
export type TwoFactorEnrolment = z.infer<typeof twoFactorEnrolmentSchema>;

export const twoFactorCodeRequestSchema = z.object({ code: z.string().trim().max(10) });
export type TwoFactorCodeRequest = z.infer<typeof twoFactorCodeRequestSchema>;

/** Shown once, at enrolment; only their hashes are kept. */
export const recoveryCodesResponseSchema = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodesResponse = z.infer<typeof recoveryCodesResponseSchema>;

export const passwordConfirmRequestSchema = z.object({
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});
export type PasswordConfirmRequest = z.infer<typeof passwordConfirmRequestSchema>;

export const forgotPasswordRequestSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
});
export type ForgotPasswordRequest = z.infer<typeof forgotPasswordRequestSchema>;

export const resetPasswordRequestSchema = z.object({
  token: tokenSchema,
  password: newPasswordSchema,
});
export type ResetPasswordRequest = z.infer<typeof resetPasswordRequestSchema>;

export const tokenRequestSchema = z.object({ token: tokenSchema });
export type TokenRequest = z.infer<typeof tokenRequestSchema>;

/** What the invitation page shows and checks a password against before accepting. */
export const invitationInfoSchema = z.object({
  email: z.string(),
  displayName: z.string(),
  associationName: z.string().nullable(),
  /** The association's zone, offered as the default. */
  timeZone: z.string(),
  expiresAt: z.string(),
});
export type InvitationInfo = z.infer<typeof invitationInfoSchema>;

export const acceptInvitationRequestSchema = z.object({
  token: tokenSchema,
  password: newPasswordSchema,
  timeZone: z.string().min(1).max(64),
});
export type AcceptInvitationRequest = z.infer<typeof acceptInvitationRequestSchema>;

export const pendingInvitationSchema = z.object({
  id: z.string().uuid(),
  userId: z.string().uuid(),
  email: z.string(),
  displayName: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  expired: z.boolean(),
});
export type PendingInvitation = z.infer<typeof pendingInvitationSchema>;
export const pendingInvitationsResponseSchema = z.object({
  invitations: z.array(pendingInvitationSchema),
});
export type PendingInvitationsResponse = z.infer<typeof pendingInvitationsResponseSchema>;

/**
 * A password judged by the server's policy while it is typed (zxcvbn's dictionaries stay on the
 * server: about a megabyte that no browser should download for one form).
 */
export const passwordCheckRequestSchema = z.object({
  password: z.string().max(1024),
  email: z.string().max(320).optional(),
  displayName: z.string().max(200).optional(),
});
export type PasswordCheckRequest = z.infer<typeof passwordCheckRequestSchema>;
export const passwordCheckResponseSchema = z.object({
  ok: z.boolean(),
  reasons: z.array(z.string()),
});
export type PasswordCheckResponse = z.infer<typeof passwordCheckResponseSchema>;
