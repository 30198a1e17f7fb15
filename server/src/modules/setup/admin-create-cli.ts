import { Writable } from 'node:stream';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config.js';
import { openDatabase } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import { systemClock } from '../../lib/clock.js';
import { createAuditService } from '../audit/index.js';
import { createUsersService } from '../auth/index.js';
import { createSetupService } from './setup.service.js';

const USAGE =
  'Usage: npm run admin:create -- [--email EMAIL] [--name "FULL NAME"] [--password PASSWORD]\n' +
  'Each value may instead come from ADMIN_EMAIL, ADMIN_NAME or ADMIN_PASSWORD, or is asked for\n' +
  '(the password without echo). Prefer the prompt or ADMIN_PASSWORD to --password, which other\n' +
  "users of this machine can see in the process list. Uses the server's DATABASE_URL/DATA_DIR.";

/** Asks on the terminal; a hidden answer is not echoed. */
async function ask(question: string, hidden: boolean): Promise<string> {
  if (!process.stdin.isTTY) {
    throw new Error(`${question} is missing and there is no terminal to ask on.\n${USAGE}`);
  }
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const prompt = createInterface({ input: process.stdin, output, terminal: true });
  try {
    const answer = prompt.question(`${question}: `);
    muted = hidden;
    return await answer;
  } finally {
    prompt.close();
    if (hidden) process.stdout.write('\n');
  }
}

async function readAccount(): Promise<{ email: string; displayName: string; password: string }> {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const email = values.email ?? process.env.ADMIN_EMAIL ?? (await ask('Email', false));
  const displayName = values.name ?? process.env.ADMIN_NAME ?? (await ask('Full name', false));
  let password = values.password ?? process.env.ADMIN_PASSWORD;
  if (password === undefined) {
    password = await ask('Password (at least 12 characters)', true);
    if ((await ask('Password again', true)) !== password) {
      throw new Error('The two passwords differ; nothing was created.');
    }
  }
  return { email, displayName, password };
}

/** `npm run admin:create`: creates an administrator (the first, or another), audited. */
async function main(): Promise<void> {
  const config = loadConfig();
  const account = await readAccount();
  const database = openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    await database.migrate();
    const audit = createAuditService({ clock: systemClock });
    const users = createUsersService({ db: database.db, audit });
    const setup = createSetupService({ db: database.db, clock: systemClock, audit, users });
    const admin = await setup.createAdministrator(account);
    console.log(
      `Administrator created: ${admin.email} (${admin.displayName}). Sign in at ${config.publicOrigin}/login`,
    );
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  const message = error instanceof AppError || error instanceof Error ? error.message : error;
  console.error(`No administrator created: ${String(message)}`);
  process.exit(1);
});
