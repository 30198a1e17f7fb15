import { describe, expect, it } from 'vitest';
import type { ProctorCandidate } from '@exam/shared/protocol';
import { clockTime, connectionText } from '../src/features/proctoring/format';

// 06:22 in New York in winter (EST) and in summer (EDT).
const WINTER = Date.UTC(2027, 0, 12, 11, 22, 15);
const SUMMER = Date.UTC(2027, 6, 12, 10, 22, 15);

const away = (since: number) =>
  ({ connection: { status: 'disconnected', since } }) as unknown as ProctorCandidate;

describe('times on the proctor console name the sitting’s zone', () => {
  it('says since when a candidate is away, with the zone’s short name', () => {
    expect(connectionText(away(WINTER), 'America/New_York')).toMatch(
      /^Disconnected since 06:22\sAM EST$/,
    );
    expect(connectionText(away(SUMMER), 'America/New_York')).toMatch(
      /^Disconnected since 06:22\sAM EDT$/,
    );
    // A zone without a common abbreviation is named by its offset.
    expect(connectionText(away(WINTER), 'Asia/Kolkata')).toMatch(
      /^Disconnected since 04:52\sPM GMT\+5:30$/,
    );
  });

  it('names the zone the same way on alerts, incidents and the evidence for late changes', () => {
    expect(clockTime(WINTER, 'America/New_York')).toMatch(/^06:22\sAM EST$/);
    expect(clockTime(WINTER, 'America/New_York', { seconds: true })).toMatch(/^06:22:15\sAM EST$/);
  });

  it('still says plainly when a candidate is connected or never was', () => {
    const never = { connection: { status: 'never', since: null } } as unknown as ProctorCandidate;
    expect(connectionText(never, 'America/New_York')).toBe('Not connected yet');
  });
});
