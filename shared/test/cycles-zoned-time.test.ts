import { describe, expect, it } from 'vitest';
import {
  applicationCycle,
  cycleOnOrAfter,
  cyclesAround,
  isValidTimeZone,
  utcToZonedWallTime,
  zonedWallTimeToUtc,
} from '../src/domain/index.js';

describe('application cycles', () => {
  it('names each quarterly deadline', () => {
    expect(applicationCycle('2027-Q1')?.label).toBe('2027-Q1 (deadline 31 January 2027)');
    expect(applicationCycle('2027-Q2')?.deadline).toBe('2027-04-30');
    expect(applicationCycle('2027-Q3')?.deadline).toBe('2027-07-31');
    expect(applicationCycle('2027-Q4')?.label).toBe('2027-Q4 (deadline 31 October 2027)');
    expect(applicationCycle('2027-Q5')).toBeUndefined();
    expect(applicationCycle('Q1-2027')).toBeUndefined();
  });

  it('finds the next deadline, the deadline day itself included', () => {
    expect(cycleOnOrAfter(new Date('2027-01-31T12:00:00Z')).id).toBe('2027-Q1');
    expect(cycleOnOrAfter(new Date('2027-02-01T00:00:00Z')).id).toBe('2027-Q2');
    expect(cycleOnOrAfter(new Date('2027-11-01T00:00:00Z')).id).toBe('2028-Q1');
  });

  it('lists cycles either side, across years', () => {
    const ids = cyclesAround(new Date('2027-02-10T00:00:00Z'), 2, 3).map((c) => c.id);
    expect(ids).toEqual(['2026-Q4', '2027-Q1', '2027-Q2', '2027-Q3', '2027-Q4', '2028-Q1']);
  });
});

describe('wall-clock times in a time zone', () => {
  it('converts both ways, in and out of daylight saving time', () => {
    const winter = zonedWallTimeToUtc('2027-01-15', '09:30', 'America/Detroit');
    expect(winter.toISOString()).toBe('2027-01-15T14:30:00.000Z');
    const summer = zonedWallTimeToUtc('2027-07-15', '09:30', 'America/Detroit');
    expect(summer.toISOString()).toBe('2027-07-15T13:30:00.000Z');
    expect(utcToZonedWallTime(summer, 'America/Detroit')).toEqual({
      date: '2027-07-15',
      time: '09:30',
    });
    expect(zonedWallTimeToUtc('2027-03-01', '00:15', 'Asia/Tokyo').toISOString()).toBe(
      '2027-02-28T15:15:00.000Z',
    );
    expect(zonedWallTimeToUtc('2027-03-01', '08:00', 'UTC').toISOString()).toBe(
      '2027-03-01T08:00:00.000Z',
    );
  });

  it('knows real time zones from made-up ones', () => {
    expect(isValidTimeZone('Europe/London')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});
