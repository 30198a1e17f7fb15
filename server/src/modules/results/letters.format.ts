import { variantNames } from '@exam/shared/domain';
import type { LetterSitting } from '../sittings/index.js';

/** How a letter names the credential a candidate sat for. */
const categoryNames: Record<string, string> = {
  'mental-health-specialist': 'Mental Health Specialist',
  'mental-health-mentor': 'Mental Health Mentor',
};
/** A mentor track reads as the variant written for it. */
const trackNames: Record<string, string> = variantNames;

/** E.g. "IMH-E, Mental Health Mentor (Policy)". */
export function endorsementTitle(
  sitting: Pick<LetterSitting, 'examEndorsement' | 'category' | 'track'>,
): string {
  const category = categoryNames[sitting.category] ?? sitting.category;
  const track = sitting.track ? ` (${trackNames[sitting.track] ?? sitting.track})` : '';
  return `${sitting.examEndorsement}, ${category}${track}`;
}

/** The calendar day of `at` in `timeZone`, as YYYY-MM-DD (what the letters table keeps). */
export function isoDay(at: Date, timeZone: string): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/** The day of `at` in `timeZone` written out for a letter, e.g. "5 December 2026". */
export function formatDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(at);
}
