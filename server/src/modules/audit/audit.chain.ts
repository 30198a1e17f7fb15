import type { KeyObject } from 'node:crypto';
import { keyIdOf, signatureValid } from '../../lib/ed25519.js';
import { GENESIS_HASH, chainHash, type HashedContent } from './audit.hash.js';

export interface ChainEntry extends HashedContent {
  id: number;
  prevHash: string;
  hash: string;
}

export interface CheckpointRecord {
  headId: number;
  headHash: string;
  count: number;
  signedAt: Date;
  signature: string;
  keyId: string;
}

export interface ChainBreak {
  /** The entry where the chain stops holding (for a cut tail: the last checkpoint's head). */
  atId: number;
  reason: string;
}

export interface ChainReport {
  ok: boolean;
  entries: number;
  head: { id: number; hash: string } | null;
  checkpoints: number;
  lastCheckpoint: CheckpointRecord | null;
  firstBreak: ChainBreak | null;
  /** False when no key was given: checkpoints were placed against the chain but not authenticated. */
  signaturesChecked: boolean;
}

/** What a checkpoint signs; the version prefix keeps a signature from meaning anything else. */
export function checkpointMessage(claim: Omit<CheckpointRecord, 'signature'>): Buffer {
  return Buffer.from(
    [
      'endorsement-exams audit checkpoint v1',
      claim.headId,
      claim.headHash,
      claim.count,
      claim.signedAt.toISOString(),
      claim.keyId,
    ].join('\n'),
  );
}

/** Why a checkpoint's signature cannot be trusted, or null when it verifies with a given key. */
function signatureProblem(
  checkpoint: CheckpointRecord,
  keys: readonly KeyObject[] | null,
): string | null {
  if (keys === null) return null;
  const key = keys.find((candidate) => keyIdOf(candidate) === checkpoint.keyId);
  if (!key) return `is signed by key ${checkpoint.keyId}, which is not a key given to verify with`;
  if (!signatureValid(key, checkpointMessage(checkpoint), checkpoint.signature)) {
    return 'has a signature that does not verify';
  }
  return null;
}

function describe(checkpoint: CheckpointRecord): string {
  return `the checkpoint signed at ${checkpoint.signedAt.toISOString()} (${checkpoint.count} entries, head ${checkpoint.headId})`;
}

/**
 * Walks the entries in chain order and checks each link, each entry's content against its hash,
 * and each checkpoint where the chain reaches its count: signature, head id and head hash. A
 * checkpoint the entries never reach means entries were removed from the end. Stops at the
 * first break. `keys` null skips the signatures (and says so in the report).
 */
export async function verifyChain(
  entries: AsyncIterable<ChainEntry> | Iterable<ChainEntry>,
  checkpoints: readonly CheckpointRecord[],
  keys: readonly KeyObject[] | null,
): Promise<ChainReport> {
  const ordered = [...checkpoints].sort((a, b) => a.count - b.count);
  const lastCheckpoint = ordered.at(-1) ?? null;
  let count = 0;
  let head: ChainReport['head'] = null;
  let next = 0;
  const report = (firstBreak: ChainBreak | null): ChainReport => ({
    ok: firstBreak === null,
    entries: count,
    head,
    checkpoints: ordered.length,
    lastCheckpoint,
    firstBreak,
    signaturesChecked: keys !== null,
  });

  for await (const entry of entries) {
    const expectedPrev = head?.hash ?? GENESIS_HASH;
    if (entry.prevHash !== expectedPrev) {
      return report({ atId: entry.id, reason: 'previous hash does not match' });
    }
    if (chainHash(entry.prevHash, entry) !== entry.hash) {
      return report({ atId: entry.id, reason: 'content does not match its hash' });
    }
    count += 1;
    head = { id: entry.id, hash: entry.hash };
    for (; next < ordered.length && ordered[next]!.count <= count; next += 1) {
      const checkpoint = ordered[next]!;
      const problem =
        signatureProblem(checkpoint, keys) ??
        (checkpoint.count !== count
          ? 'covers no whole number of entries'
          : checkpoint.headId !== entry.id || checkpoint.headHash !== entry.hash
            ? `does not match the chain: entry ${count} is ${entry.id} with another hash`
            : null);
      if (problem) return report({ atId: entry.id, reason: `${describe(checkpoint)} ${problem}` });
    }
  }

  const beyond = ordered[next];
  if (beyond) {
    const problem = signatureProblem(beyond, keys);
    const reason = problem
      ? `${describe(beyond)} ${problem}`
      : `the log ends after ${count} entries, but ${describe(beyond)} vouches for more: entries were removed from its end`;
    return report({ atId: beyond.headId, reason });
  }
  return report(null);
}
