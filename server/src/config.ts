import { z } from 'zod';
import { parseTrustProxy } from './lib/trust-proxy.js';
import { parsePrivateKey } from './lib/ed25519.js';
import { isTotpKey } from './lib/totp-key.js';

/** Every setting the server reads from its environment, parsed once at start-up. */
const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Unset: embedded PGlite in DATA_DIR. Set: PostgreSQL through pg. */
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  /** The origin browsers load the app from; websocket upgrades and state-changing requests must match it. */
  PUBLIC_ORIGIN: z.string().url().optional(),
  /** Off, `true`, a hop count, or the reverse proxies' addresses/CIDRs: who may set X-Forwarded-For. */
  TRUST_PROXY: z
    .string()
    .transform((raw, ctx) => {
      const parsed = parseTrustProxy(raw);
      if (typeof parsed !== 'object' || Array.isArray(parsed)) return parsed;
      ctx.addIssue({ code: 'custom', message: parsed.error });
      return z.NEVER;
    })
    .default(false),
  /** Allows starting on PostgreSQL with fsync/synchronous_commit/full_page_writes off. Never for a live sitting. */
  ALLOW_UNSAFE_DURABILITY: booleanFlag.default(false),
  /** Unset: seeded in development and test, never in production (where true is refused). */
  SEED_DEMO: booleanFlag.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  CLIENT_DIST: z.string().default('client/dist'),
  /** How often the sweeper closes expired parts and records the heartbeat; 0 disables it (tests tick by hand). */
  SWEEPER_INTERVAL_MS: z.coerce.number().int().min(0).default(1000),
  /** Saves already in flight at the deadline are accepted for this long after it. */
  SAVE_GRACE_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
  /** A heartbeat gap longer than this is a server outage, credited to every running clock. */
  OUTAGE_THRESHOLD_MS: z.coerce.number().int().min(1000).default(10_000),
  WS_MESSAGES_PER_SECOND: z.coerce.number().int().min(1).default(40),
  /** How often grading re-checks for closed Part Two attempts and responses short of graders; 0 disables it. */
  GRADING_SWEEP_INTERVAL_MS: z.coerce.number().int().min(0).default(60_000),
  /** How often the leader carries out confirmed retention purges; 0 disables the schedule. */
  /** How often the leader queues 24-hour sitting reminders; 0 turns it off. */
  SITTING_REMINDER_INTERVAL_MS: z.coerce.number().int().min(0).default(600_000),
  /** How often the leader opens sittings at check-in and closes them at their end; 0 turns it off. */
  SITTING_CLOCK_INTERVAL_MS: z.coerce.number().int().min(0).default(30_000),
  RETENTION_PURGE_INTERVAL_MS: z.coerce.number().int().min(0).default(3_600_000),
  /** Ed25519 private key (PEM or base64 PKCS8) that signs audit checkpoints; see audit.signing-key.ts. */
  AUDIT_SIGNING_KEY: z
    .string()
    .refine(isPrivateKey, 'must be an Ed25519 private key, PEM or base64 PKCS8')
    .optional(),
  /** A signed checkpoint of the audit chain's head after this many entries, or this many minutes. */
  AUDIT_CHECKPOINT_ENTRIES: z.coerce.number().int().min(1).default(100),
  AUDIT_CHECKPOINT_MINUTES: z.coerce.number().positive().default(5),
  /**
   * Whether administrators and coordinators must enrol a second factor before anything else.
   * Unset: on, except when the demo is seeded (its accounts and password are public anyway);
   * production refuses false.
   */
  TWO_FACTOR_ENFORCED: booleanFlag.optional(),
  /**
   * 32 random bytes (base64, `openssl rand -base64 32`) that encrypt two-factor secrets at rest.
   * Required in production; elsewhere generated once into DATA_DIR (see totp-secret-box.ts).
   */
  TOTP_ENCRYPTION_KEY: z
    .string()
    .refine(isTotpKey, 'must be 32 bytes, base64 (openssl rand -base64 32) or 64 hex digits')
    .optional(),
  /** How long an invitation link stays good. */
  INVITATION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 90)
    .default(24 * 7),
  /** smtp://user:pass@host:587 or smtps://…; unset: mail goes to the database catcher (the Mail page). */
  SMTP_URL: z
    .string()
    .refine((v) => /^smtps?:\/\//.test(v), 'must be an smtp:// or smtps:// URL')
    .optional(),
  /** The platform's From: when an association has set no sender of its own. */
  MAIL_FROM: z.string().min(3).default('Endorsement exams <no-reply@exam-platform.invalid>'),
  /** Largest supporting document of an accommodation request, in bytes (PDF, PNG or JPEG). */
  ACCOMMODATION_DOCUMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(5 * 1024 * 1024),
  /** Largest webcam photo of an identity check-in, in bytes (JPEG). */
  CHECK_IN_PHOTO_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(2 * 1024 * 1024),
  /** How often the mail worker looks for due mail; 0 disables the poll (tests tick by hand). */
  MAIL_POLL_MS: z.coerce.number().int().min(0).default(2000),
  /** Attempts before a message is marked failed with its last error. */
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  /** Bearer token for `/metrics` on the app's port; without it (or METRICS_PORT) production serves none. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** A port of its own for `/metrics` (on HOST), e.g. reachable only from the monitoring network. */
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
});

function isPrivateKey(text: string): boolean {
  try {
    parsePrivateKey(text);
    return true;
  } catch {
    return false;
  }
}

export type AppConfig = Omit<z.infer<typeof configSchema>, 'SEED_DEMO' | 'TWO_FACTOR_ENFORCED'> & {
  SEED_DEMO: boolean;
  TWO_FACTOR_ENFORCED: boolean;
  publicOrigin: string;
};

export class ConfigError extends Error {}

/** Parses the environment; throws a ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const known = Object.fromEntries(
    Object.keys(configSchema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]),
  );
  const parsed = configSchema.safeParse(known);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const production = parsed.data.NODE_ENV === 'production';
  // The demo's accounts and password are in the README: seeded in production, anyone could sign
  // in as its administrator.
  if (production && parsed.data.SEED_DEMO) {
    throw new ConfigError(
      'Invalid configuration:\n  SEED_DEMO: the demo is never seeded with NODE_ENV=production ' +
        '(its passwords are public); unset SEED_DEMO and create the first administrator with ' +
        '`npm run admin:create` or the setup link printed at start-up.',
    );
  }
  if (production && parsed.data.TWO_FACTOR_ENFORCED === false) {
    throw new ConfigError(
      'Invalid configuration:\n  TWO_FACTOR_ENFORCED: administrators and coordinators of a live ' +
        'platform always need a second factor; unset it.',
    );
  }
  const seedDemo = parsed.data.SEED_DEMO ?? !production;
  const publicOrigin =
    parsed.data.PUBLIC_ORIGIN ?? `http://${hostForUrl(parsed.data.HOST)}:${parsed.data.PORT}`;
  return {
    ...parsed.data,
    SEED_DEMO: seedDemo,
    TWO_FACTOR_ENFORCED: parsed.data.TWO_FACTOR_ENFORCED ?? !seedDemo,
    publicOrigin: new URL(publicOrigin).origin,
  };
}

function hostForUrl(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}
