import type { AccommodationAsk, AccommodationsInput } from '@exam/shared/api';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The common rule where an association has set none: requests close two weeks ahead. */
export const DEFAULT_ACCOMMODATION_REQUEST_DAYS = 14;

/** The last moment a request is accepted: `days` whole days before the start. */
export function requestDeadline(startsAt: Date | null, days: number): Date | null {
  return startsAt ? new Date(startsAt.getTime() - days * DAY_MS) : null;
}

/**
 * What an approved request becomes on the candidate's profile: extra time as the multiplier that
 * scales both parts through the time ledger, large text and breaks as they are, and what has no
 * field of its own (separate room, reader, other) in the notes the proctor console shows.
 * Minutes and high contrast already on the profile are kept.
 */
export function profileFromGrant(
  grant: AccommodationAsk,
  current: { extraMinutesPart1: number; extraMinutesPart2: number; highContrast: boolean },
): AccommodationsInput {
  const notes = [
    grant.separateRoom ? 'Separate room' : null,
    grant.reader ? 'Reader' : null,
    grant.other ? `Other: ${grant.other}` : null,
  ].filter((n): n is string => n !== null);
  return {
    // (100 + p) / 100, not 1 + p / 100: 1 + 14/100 is 1.1400000000000001, not hundredths.
    timeMultiplier: (100 + grant.extraTimePercent) / 100,
    extraMinutesPart1: current.extraMinutesPart1,
    extraMinutesPart2: current.extraMinutesPart2,
    breaks: grant.breaks,
    largeText: grant.largeText,
    highContrast: current.highContrast,
    notes: notes.length > 0 ? notes.join('; ') : null,
    validUntil: null,
  };
}

/** A grant may only give what was asked (all of it or part), never more. */
export function withinAsk(grant: AccommodationAsk, asked: AccommodationAsk): boolean {
  return (
    grant.extraTimePercent <= asked.extraTimePercent &&
    (!grant.breaks || asked.breaks) &&
    (!grant.largeText || asked.largeText) &&
    (!grant.separateRoom || asked.separateRoom) &&
    (!grant.reader || asked.reader) &&
    (!grant.other || asked.other !== null)
  );
}
