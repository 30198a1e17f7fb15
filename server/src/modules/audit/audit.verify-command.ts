import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { KeyObject } from 'node:crypto';
import { loadConfig } from '../../config.js';
import { openDatabase } from '../../db/client.js';
import { parsePrivateKey, parsePublicKey, signingKeyFrom } from '../../lib/ed25519.js';
import { systemClock } from '../../lib/clock.js';
import type { ChainReport } from './audit.chain.js';
import { ExportFormatError, verifyExport } from './audit.export.js';
import { createAuditService } from './audit.service.js';
import { KEY_FILE_NAME, readKeyFile } from './audit.signing-key.js';

export const USAGE =
  'usage: npm run audit:verify -- [FILE] [--key PUBLIC_KEY]...\n' +
  '  FILE        an export (JSON Lines) from the audit page; without it, the live database\n' +
  '  --key       the public key (base64 SPKI, PEM, or a file holding either); repeat for old keys';

/** A wrong command line: exit 2 with the usage. */
class UsageError extends Error {}

interface Output {
  log(line: string): void;
  error(line: string): void;
}

function parseArgs(argv: readonly string[]): { file?: string; keys: string[] } {
  const keys: string[] = [];
  let file: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--key') {
      const value = argv[(i += 1)];
      if (!value) throw new UsageError('--key needs a public key');
      keys.push(value);
    } else if (arg.startsWith('--key=')) keys.push(arg.slice('--key='.length));
    else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else if (file) throw new UsageError('give one file');
    else file = arg;
  }
  return file ? { file, keys } : { keys };
}

function readPublicKey(value: string): KeyObject {
  const text = existsSync(value) ? readFileSync(value, 'utf8') : value;
  try {
    return parsePublicKey(text);
  } catch {
    throw new UsageError(`--key ${value.slice(0, 24)}… is not an Ed25519 public key`);
  }
}

/** The live database's own key when no --key is given: AUDIT_SIGNING_KEY or DATA_DIR's file. */
function configuredKeys(config: ReturnType<typeof loadConfig>): KeyObject[] | null {
  if (config.AUDIT_SIGNING_KEY) {
    return [signingKeyFrom(parsePrivateKey(config.AUDIT_SIGNING_KEY)).publicKey];
  }
  const key = readKeyFile(path.join(config.DATA_DIR, KEY_FILE_NAME));
  return key ? [key.publicKey] : null;
}

function describe(report: ChainReport): string[] {
  const last = report.lastCheckpoint;
  const lines = [
    `${report.entries} entries; head ${report.head ? `#${report.head.id} ${report.head.hash}` : 'none'}`,
    last
      ? `${report.checkpoints} checkpoints; the last covers ${last.count} entries up to #${last.headId}, signed ${last.signedAt.toISOString()} with key ${last.keyId}`
      : 'no checkpoints',
  ];
  if (!report.signaturesChecked) lines.push('checkpoint signatures NOT checked: no key given');
  return lines;
}

/** `npm run audit:verify`: 0 when the chain holds, 1 when it is broken, 2 on a usage error. */
export async function runVerify(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  out: Output,
): Promise<number> {
  let report: ChainReport;
  try {
    const args = parseArgs(argv);
    const keys = args.keys.map(readPublicKey);
    if (args.file) {
      if (keys.length === 0) throw new UsageError('an export is verified with --key PUBLIC_KEY');
      if (!existsSync(args.file)) throw new UsageError(`no file ${args.file}`);
      report = await verifyExport(readFileSync(args.file, 'utf8'), keys);
    } else {
      const config = loadConfig(env);
      const database = openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
      try {
        const audit = createAuditService({ clock: systemClock });
        report = await audit.verify(database.db, keys.length > 0 ? keys : configuredKeys(config));
      } finally {
        await database.close();
      }
    }
  } catch (error) {
    if (error instanceof UsageError) {
      out.error(`${error.message}\n${USAGE}`);
      return 2;
    }
    if (error instanceof ExportFormatError) {
      out.error(`Audit export unreadable: ${error.message}.`);
      return 1;
    }
    throw error;
  }
  const summary = describe(report);
  if (report.firstBreak) {
    out.error(
      `Audit chain BROKEN at entry ${report.firstBreak.atId}: ${report.firstBreak.reason}.`,
    );
    for (const line of summary) out.error(`  ${line}`);
    return 1;
  }
  out.log(`Audit chain intact.`);
  for (const line of summary) out.log(`  ${line}`);
  return 0;
}
