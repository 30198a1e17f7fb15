/**
 * An amount of time as the proctor reads it, to the second: "26 s", "1 min 26 s", "10 min",
 * "1 h 30 min". Units that are zero are left out. Decimal minutes ("0.43 min") made a reader
 * do arithmetic to know how long a candidate was away or what a credit gave back.
 */
export function durationText(ms: number): string {
  const total = Math.round(Math.abs(ms) / 1000);
  if (total === 0) return '0 s';
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  return [
    hours > 0 ? `${hours} h` : '',
    minutes > 0 ? `${minutes} min` : '',
    seconds > 0 ? `${seconds} s` : '',
  ]
    .filter(Boolean)
    .join(' ');
}
