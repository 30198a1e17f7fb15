import { describe, expect, it } from 'vitest';
import {
  isDueToClose,
  isDueToOpen,
  isLate,
  sittingTimes,
} from '../../src/modules/sittings/sitting-clock.rules.js';

const start = new Date('2027-03-01T14:00:00.000Z');
const sitting = {
  startsAt: start,
  startWindowMinutes: 60,
  part1Minutes: 90,
  part2Minutes: 90,
  policies: {},
  clockHeldUntil: null,
};
const rules = { checkInOpensMinutes: 30, lateCutoffMinutes: 15 };
const at = (iso: string) => new Date(iso);

describe('the sitting clock, on UTC instants with inclusive edges', () => {
  const times = sittingTimes(sitting, rules)!;

  it('derives check-in, late cutoff and end from the start and the association rules', () => {
    expect(times.checkInOpensAt.toISOString()).toBe('2027-03-01T13:30:00.000Z');
    expect(times.lateCutoffAt.toISOString()).toBe('2027-03-01T14:15:00.000Z');
    // Start window and both parts: 60 + 90 + 90 minutes.
    expect(times.closesAt.toISOString()).toBe('2027-03-01T18:00:00.000Z');
  });

  it('opens at the very instant check-in opens, not a millisecond before', () => {
    expect(isDueToOpen(times, at('2027-03-01T13:29:59.999Z'))).toBe(false);
    expect(isDueToOpen(times, at('2027-03-01T13:30:00.000Z'))).toBe(true);
  });

  it('is on time at the cutoff itself and late a millisecond after', () => {
    expect(isLate(times, at('2027-03-01T14:15:00.000Z'))).toBe(false);
    expect(isLate(times, at('2027-03-01T14:15:00.001Z'))).toBe(true);
  });

  it('closes at the end instant', () => {
    expect(isDueToClose(times, at('2027-03-01T17:59:59.999Z'))).toBe(false);
    expect(isDueToClose(times, at('2027-03-01T18:00:00.000Z'))).toBe(true);
  });

  it("lets the sitting's own policy beat the association's rule", () => {
    const own = sittingTimes(
      { ...sitting, policies: { checkInOpensMinutes: 60, lateCutoffMinutes: 0 } },
      rules,
    )!;
    expect(own.checkInOpensAt.toISOString()).toBe('2027-03-01T13:00:00.000Z');
    expect(isLate(own, at('2027-03-01T14:00:00.001Z'))).toBe(true);
  });

  it('moves nothing while held, and resumes at the instant the hold ends', () => {
    const held = sittingTimes(
      { ...sitting, clockHeldUntil: at('2027-03-01T19:00:00.000Z') },
      rules,
    )!;
    expect(isDueToClose(held, at('2027-03-01T18:30:00.000Z'))).toBe(false);
    expect(isDueToClose(held, at('2027-03-01T19:00:00.000Z'))).toBe(true);
  });

  it('has no times while the sitting has no start', () => {
    expect(sittingTimes({ ...sitting, startsAt: null }, rules)).toBeNull();
  });
});
