import { describe, expect, it } from 'vitest';
import { bookingDatesOf } from '../../src/modules/bookings/booking-dates.js';
import {
  addMonths,
  defaultBookingSettings,
  expiryFor,
  within,
} from '../../src/modules/bookings/booking-rules.js';

const at = (iso: string) => new Date(iso);

describe('booking rules', () => {
  it('counts both ends of a window in, and an open end as open', () => {
    const from = at('2027-01-01T00:00:00Z');
    const to = at('2027-01-31T23:59:59.999Z');
    expect(within(from, from, to)).toBe(true);
    expect(within(to, from, to)).toBe(true);
    expect(within(new Date(from.getTime() - 1), from, to)).toBe(false);
    expect(within(new Date(to.getTime() + 1), from, to)).toBe(false);
    expect(within(at('2030-01-01T00:00:00Z'), from, null)).toBe(true);
  });

  it('adds calendar months in UTC, clamped to the month end', () => {
    expect(addMonths(at('2027-01-31T10:00:00Z'), 1).toISOString()).toBe('2027-02-28T10:00:00.000Z');
    expect(addMonths(at('2027-03-15T00:00:00Z'), 12).toISOString()).toBe(
      '2028-03-15T00:00:00.000Z',
    );
  });

  it('lasts through the Nth later sitting by the sittings rule, else by months', () => {
    const sittings = {
      ...defaultBookingSettings,
      windowKind: 'sittings' as const,
      windowSittings: 2,
    };
    const from = at('2027-01-10T12:00:00Z');
    const starts = [
      at('2026-12-01T09:00:00Z'),
      at('2027-06-01T09:00:00Z'),
      at('2027-03-01T09:00:00Z'),
    ];
    expect(expiryFor(sittings, from, starts).toISOString()).toBe('2027-06-01T23:59:59.999Z');
    expect(expiryFor(sittings, from, starts.slice(0, 2)).toISOString()).toBe(
      '2028-01-10T12:00:00.000Z',
    );
    expect(expiryFor(defaultBookingSettings, from, starts).toISOString()).toBe(
      '2028-01-10T12:00:00.000Z',
    );
  });

  it('closes accommodation requests the configured days before the start', () => {
    const sitting = { startsAt: at('2027-03-15T09:00:00Z') };
    const dates = bookingDatesOf(sitting, undefined, { accommodationRequestDays: 14 });
    expect(dates.accommodationRequestDeadline?.toISOString()).toBe('2027-03-01T09:00:00.000Z');
    // Without seat settings, booking closes and free cancellation ends at the start.
    expect(dates.cancelCutoffAt?.toISOString()).toBe('2027-03-15T09:00:00.000Z');
    expect(dates.bookingClosesAt?.toISOString()).toBe('2027-03-15T09:00:00.000Z');
  });
});
