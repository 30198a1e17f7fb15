import type { FastifyInstance } from 'fastify';
import type { AppConfig } from './config.js';
import type { Database } from './db/client.js';
import { seedDemoIfEmpty, type DemoLogin } from './seed/seed.js';

export interface FirstStart {
  /** Set when the demo was just seeded (never in production). */
  demoLogins?: DemoLogin[];
  /** Set when no administrator exists: the one-time link to create the first. */
  setupLink?: { url: string; expiresAt: Date };
}

/**
 * What a start does to a database that needs it: seeds the demo into an empty one where that is
 * allowed (SEED_DEMO, never in production); otherwise, while no administrator exists, opens a
 * one-time setup link. The token travels in the URL fragment, which browsers never send.
 */
export async function prepareFirstStart(
  app: FastifyInstance,
  database: Database,
  config: AppConfig,
): Promise<FirstStart> {
  const demoLogins = config.SEED_DEMO ? await seedDemoIfEmpty(database.db) : undefined;
  if (demoLogins) return { demoLogins };
  const link = await app.setup.openLinkIfNoAdministrator();
  if (!link) return {};
  return {
    setupLink: {
      url: `${config.publicOrigin}/setup#token=${link.token}`,
      expiresAt: link.expiresAt,
    },
  };
}

/** The lines the server prints about it, for the operator's terminal only (never the log). */
export function describeFirstStart(firstStart: FirstStart): string[] {
  const lines: string[] = [];
  if (firstStart.demoLogins) {
    lines.push('', 'Demo logins (seeded on this empty database):');
    // Columns as wide as the longest role and address, so a new role never breaks the table.
    const roleWidth = Math.max(...firstStart.demoLogins.map((login) => login.role.length));
    const emailWidth = Math.max(...firstStart.demoLogins.map((login) => login.email.length));
    const where = (login: DemoLogin) =>
      login.associations.length > 0 ? login.associations.join(' + ') : 'programme';
    const whereWidth = Math.max(...firstStart.demoLogins.map((login) => where(login).length));
    for (const login of firstStart.demoLogins) {
      lines.push(
        `  ${where(login).padEnd(whereWidth)}  ${login.role.padEnd(roleWidth)}  ${login.email.padEnd(emailWidth)}  password: ${login.password}`,
      );
    }
    lines.push(
      '',
      'Someone who works for two associations chooses which one they act for in the page header.',
    );
  }
  if (firstStart.setupLink) {
    lines.push(
      '',
      'No administrator exists yet. Create the first one with this link; it works once, until',
      `${firstStart.setupLink.expiresAt.toISOString()}, and only while no administrator exists:`,
      `  ${firstStart.setupLink.url}`,
      'Or, on this server: npm run admin:create',
    );
  }
  return lines;
}
