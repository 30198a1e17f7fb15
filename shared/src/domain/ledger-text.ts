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

/** Minutes as the ledger shows them: whole minutes, or to the second when not whole. */
export function formatLedgerMinutes(ms: number): string {
  const minutes = Math.abs(ms) / 60_000;
  const text = Number.isInteger(minutes) ? String(minutes) : minutes.toFixed(2);
  return `${ms < 0 ? '−' : '+'}${text} min`;
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
      return `${formatLedgerMinutes(entry.ms ?? 0)} to ${part}`;
    case 'accommodation':
      return `${formatLedgerMinutes(entry.ms ?? 0)} to ${part} (accommodation)`;
  }
}
