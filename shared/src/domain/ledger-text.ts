import { durationText } from './duration-text.js';

/**
 * Words for a time-ledger entry, the same on the proctor console, the printable incident report
 * and its CSV: what happened to the candidate's clock, in plain terms.
 */
export interface LedgerEntryFacts {
  kind: 'start' | 'pause' | 'resume' | 'extend' | 'accommodation' | 'end';
  part: 1 | 2;
  ms: number | null;
}

const partName = (part: 1 | 2) => (part === 1 ? 'Part One' : 'Part Two');

/** A signed amount as the ledger shows it, to the second: "+10 min", "+26 s", "−1 min 26 s". */
export function formatLedgerAmount(ms: number): string {
  return `${ms < 0 ? '−' : '+'}${durationText(ms)}`;
}

export function describeLedgerEntry(entry: LedgerEntryFacts): string {
  const part = partName(entry.part);
  switch (entry.kind) {
    case 'start':
      return `${part} started`;
    case 'pause':
      return `${part} paused`;
    case 'resume':
      return `${part} resumed`;
    case 'end':
      return `${part} ended`;
    case 'extend':
      return `${formatLedgerAmount(entry.ms ?? 0)} to ${part}`;
    case 'accommodation':
      return `${formatLedgerAmount(entry.ms ?? 0)} to ${part} (accommodation)`;
  }
}
