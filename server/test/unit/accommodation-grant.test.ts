import { describe, expect, it } from 'vitest';
import { accommodationsInputSchema } from '@exam/shared/api';
import { profileFromGrant } from '../../src/modules/sittings/accommodation-grant.js';

const ask = {
  extraTimePercent: 0,
  breaks: false,
  largeText: false,
  separateRoom: false,
  reader: false,
  other: null,
};
const current = { extraMinutesPart1: 0, extraMinutesPart2: 0, highContrast: false };

describe('an approved request on the profile', () => {
  it('turns whole percents into a multiplier in hundredths, as the accommodations form takes', () => {
    // 1 + 14/100 is 1.1400000000000001 in binary floating point.
    for (const [percent, multiplier] of [
      [14, 1.14],
      [33, 1.33],
      [50, 1.5],
      [107, 2.07],
      [0, 1],
    ] as const) {
      const profile = profileFromGrant({ ...ask, extraTimePercent: percent }, current);
      expect(profile.timeMultiplier).toBe(multiplier);
      expect(accommodationsInputSchema.safeParse(profile).success).toBe(true);
    }
  });
});
