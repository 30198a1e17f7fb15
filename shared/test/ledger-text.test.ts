import { describe, expect, it } from 'vitest';
import { describeLedgerEntry, formatLedgerAmount } from '../src/domain/ledger-text.js';
import { durationText } from '../src/domain/duration-text.js';

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

  it('shows an amount that is not whole minutes in minutes and seconds, not decimal minutes', () => {
    // A 26-second disconnect credit read '+0.43 min' before.
    expect(describeLedgerEntry({ kind: 'extend', part: 1, ms: 26_000 })).toBe('+26 s to Part One');
    expect(formatLedgerAmount(90_000)).toBe('+1 min 30 s');
    expect(formatLedgerAmount(86_400)).toBe('+1 min 26 s');
    expect(formatLedgerAmount(10 * 60_000)).toBe('+10 min');
    expect(formatLedgerAmount(-26_000)).toBe('−26 s');
  });
});

describe('durations in words', () => {
  it('says hours, minutes and seconds, leaving out the units that are zero', () => {
    expect(durationText(0)).toBe('0 s');
    expect(durationText(45_000)).toBe('45 s');
    expect(durationText(180_000)).toBe('3 min');
    expect(durationText(3_725_000)).toBe('1 h 2 min 5 s');
    expect(durationText(90 * 60_000)).toBe('1 h 30 min');
    expect(durationText(3_600_000 + 26_000)).toBe('1 h 26 s');
  });

  it('rounds to the nearest second', () => {
    expect(durationText(26_437)).toBe('26 s');
    expect(durationText(59_600)).toBe('1 min');
  });
});
