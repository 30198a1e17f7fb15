import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import type { DbOrTx } from '../../db/client.js';
import type { SigningKey } from '../../lib/ed25519.js';
import {
  verifyChain,
  type ChainEntry,
  type ChainReport,
  type CheckpointRecord,
} from './audit.chain.js';
import * as auditRepo from './audit.repo.js';

/**
 * The export: JSON Lines, a header, then every entry in chain order, then every checkpoint.
 * The header's public key is a convenience; a verifier trusts only the key it is given.
 */
export const EXPORT_FORMAT = 'endorsement-exams-audit';

const headerSchema = z.object({
  type: z.literal('header'),
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(1),
  exportedAt: z.string(),
  keyId: z.string(),
  publicKey: z.string(),
});

const entrySchema = z.object({
  type: z.literal('entry'),
  id: z.number().int().positive(),
  at: z
    .string()
    .datetime({ offset: true })
    .transform((at) => new Date(at)),
  actorId: z.string().nullable(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  details: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});

const checkpointSchema = z.object({
  type: z.literal('checkpoint'),
  headId: z.number().int(),
  headHash: z.string(),
  count: z.number().int(),
  signedAt: z
    .string()
    .datetime({ offset: true })
    .transform((at) => new Date(at)),
  signature: z.string(),
  keyId: z.string(),
});

const lineSchema = z.discriminatedUnion('type', [headerSchema, entrySchema, checkpointSchema]);

/** The export, line by line (each ends with a newline), streamed a page of entries at a time. */
export async function* exportLines(
  db: DbOrTx,
  key: SigningKey,
  exportedAt: Date,
): AsyncGenerator<string> {
  // Checkpoints first from the database, so none of them lies beyond the entries read after.
  const checkpoints = await auditRepo.allCheckpoints(db);
  const header = {
    type: 'header',
    format: EXPORT_FORMAT,
    version: 1,
    exportedAt: exportedAt.toISOString(),
    keyId: key.keyId,
    publicKey: key.publicKeyText,
  };
  yield `${JSON.stringify(header)}\n`;
  for await (const row of auditRepo.rowsAfter(db)) {
    const { id, at, actorId, action, subjectType, subjectId, details, prevHash, hash } = row;
    const entry = { type: 'entry', id, at: at.toISOString(), actorId, action, subjectType };
    yield `${JSON.stringify({ ...entry, subjectId, details, prevHash, hash })}\n`;
  }
  for (const { headId, headHash, count, signedAt, signature, keyId } of checkpoints) {
    const line = { type: 'checkpoint', headId, headHash, count, signature, keyId };
    yield `${JSON.stringify({ ...line, signedAt: signedAt.toISOString() })}\n`;
  }
}

export class ExportFormatError extends Error {}

/** Parses an export; a line that is not one of its three kinds is an error naming the line. */
export function parseExport(text: string): {
  entries: ChainEntry[];
  checkpoints: CheckpointRecord[];
} {
  const entries: ChainEntry[] = [];
  const checkpoints: CheckpointRecord[] = [];
  let sawHeader = false;
  text.split('\n').forEach((raw, index) => {
    if (raw.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new ExportFormatError(`line ${index + 1} is not JSON`);
    }
    const parsed = lineSchema.safeParse(json);
    if (!parsed.success) {
      throw new ExportFormatError(`line ${index + 1} is not an audit export line`);
    }
    const { type, ...line } = parsed.data;
    if (type === 'header') {
      if (index !== 0) throw new ExportFormatError(`line ${index + 1} is a second header`);
      sawHeader = true;
    } else if (type === 'entry') entries.push(line as ChainEntry);
    else checkpoints.push(line as CheckpointRecord);
  });
  if (!sawHeader) throw new ExportFormatError(`line 1 is not the ${EXPORT_FORMAT} header`);
  return { entries, checkpoints };
}

/** Verifies an export with the given public keys alone: no database, no server. */
export async function verifyExport(text: string, keys: readonly KeyObject[]): Promise<ChainReport> {
  const { entries, checkpoints } = parseExport(text);
  return verifyChain(entries, checkpoints, keys);
}
