/**
 * One way to print an instant for a person: in their IANA zone, with the zone named, so "9:30"
 * is never ambiguous. Used by the mail templates and the interface alike.
 */

/** `time-seconds` is for a moment that changes by the second, such as the exam's last save. */
export type ZonedStyle = 'date-time' | 'date' | 'time' | 'time-seconds';

const styles: Record<ZonedStyle, Intl.DateTimeFormatOptions> = {
  'date-time': { dateStyle: 'medium', timeStyle: 'short' },
  date: { dateStyle: 'full' },
  time: { timeStyle: 'short' },
  'time-seconds': { timeStyle: 'medium' },
};

/** Intl formatters are costly to build; a page prints hundreds of dates in one zone. */
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, style: ZonedStyle, locale: string): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${style}`;
  let found = cache.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, { ...styles[style], timeZone });
    cache.set(key, found);
  }
  return found;
}

/** `instant` in `timeZone`, followed by the zone's name: "Mar 12, 2027, 9:30 AM (America/Detroit)". */
export function formatInZone(
  instant: Date | number | string,
  timeZone: string,
  style: ZonedStyle = 'date-time',
  locale = 'en-US',
): string {
  const date = instant instanceof Date ? instant : new Date(instant);
  if (Number.isNaN(date.getTime())) return '';
  const text = formatter(timeZone, style, locale).format(date);
  return style === 'date' ? text : `${text} (${timeZone})`;
}
