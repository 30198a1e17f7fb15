import { describe, expect, it } from 'vitest';
import { describeLedgerEntry, formatLedgerMinutes } from '../src/domain/ledger-text.js';

describe('ledger entries in words', () => {
  it('names the part and what happened to its clock', () => {
    expect(describeLedgerEntry({ kind: 'pause', part: 1, ms: null })).toBe('Part One paused');
    expect(describeLedgerEntry({ kind: 'end', part: 2, ms: null })).toBe('Part Two ended');
    expect(describeLedgerEntry({ kind: 'extend', part: 1, ms: 7 * 60_000 })).toBe(
      '+7 min to Part One',
    );
    expect(describeLedgerEntry({ kind: 'accommodation', part: 2, ms: -45 * 60_000 })).toBe(
      '−45 min to Part Two (accommodation)',
    );
  });

  it('shows minutes that are not whole to the hundredth', () => {
    expect(formatLedgerMinutes(90_000)).toBe('+1.50 min');
  });
});
