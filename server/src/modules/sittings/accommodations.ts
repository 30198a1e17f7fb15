import type { Accommodations, AccommodationsInput } from '@exam/shared/api';
import type { ProfileRow } from './profiles.repo.js';

type AccommodationFields = Pick<
  ProfileRow,
  | 'timeMultiplier'
  | 'extraMinutesPart1'
  | 'extraMinutesPart2'
  | 'breaks'
  | 'largeText'
  | 'highContrast'
  | 'accommodationNotes'
  | 'accommodationValidUntil'
>;

/** Accommodations apply until the end of their last valid day; none set means no end. */
export function accommodationsInForce(profile: AccommodationFields, now: Date): boolean {
  const until = profile.accommodationValidUntil;
  return !until || until.getTime() > now.getTime();
}

/** The stored end: the start (UTC) of the day after the last valid day. */
export function validUntilInstant(lastDay: string | null): Date | null {
  if (!lastDay) return null;
  const end = new Date(`${lastDay}T00:00:00.000Z`);
  end.setUTCDate(end.getUTCDate() + 1);
  return end;
}

function lastValidDay(until: Date | null): string | null {
  if (!until) return null;
  return new Date(until.getTime() - 1).toISOString().slice(0, 10);
}

/** A one-line description for rosters, e.g. "time × 1.5; +10 min Part One; rest breaks". */
export function accommodationSummary(profile: AccommodationFields): string | null {
  const parts: string[] = [];
  if (profile.timeMultiplier !== 1) parts.push(`time × ${profile.timeMultiplier}`);
  if (profile.extraMinutesPart1 > 0) parts.push(`+${profile.extraMinutesPart1} min Part One`);
  if (profile.extraMinutesPart2 > 0) parts.push(`+${profile.extraMinutesPart2} min Part Two`);
  if (profile.breaks) parts.push('rest breaks');
  if (profile.largeText) parts.push('large text');
  if (profile.highContrast) parts.push('high contrast');
  return parts.length > 0 ? parts.join('; ') : null;
}

export function presentAccommodations(
  profile: AccommodationFields,
  approvedBy: { id: string; displayName: string } | null,
  now: Date,
): Accommodations {
  return {
    timeMultiplier: profile.timeMultiplier,
    extraMinutesPart1: profile.extraMinutesPart1,
    extraMinutesPart2: profile.extraMinutesPart2,
    breaks: profile.breaks,
    largeText: profile.largeText,
    highContrast: profile.highContrast,
    notes: profile.accommodationNotes,
    validUntil: lastValidDay(profile.accommodationValidUntil),
    approvedBy,
    inForce: accommodationsInForce(profile, now),
    summary: accommodationSummary(profile),
  };
}

export function accommodationColumns(input: AccommodationsInput) {
  return {
    timeMultiplier: input.timeMultiplier,
    extraMinutesPart1: input.extraMinutesPart1,
    extraMinutesPart2: input.extraMinutesPart2,
    breaks: input.breaks,
    largeText: input.largeText,
    highContrast: input.highContrast,
    accommodationNotes: input.notes,
    accommodationValidUntil: validUntilInstant(input.validUntil),
  };
}
