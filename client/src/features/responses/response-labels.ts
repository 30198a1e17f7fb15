/** How the response pages name what the server records about a Part Two response. */

/** Why a version was kept; the server writes these four (response_snapshots.reason). */
const snapshotReasonLabels: Record<string, string> = {
  interval: 'Autosave (at most one a minute)',
  submit: 'Part Two submitted',
  restore: 'Restored by a coordinator',
  'late-accepted': 'Arrived after time ran out; accepted by a proctor or coordinator',
};

export function snapshotReasonText(reason: string): string {
  return snapshotReasonLabels[reason] ?? reason;
}

const partStatusLabels: Record<string, string> = {
  'not-started': 'Not started',
  running: 'In progress',
  paused: 'Paused',
  submitted: 'Submitted',
  expired: 'Time ran out',
  ended: 'Ended by a proctor',
};

export function partStatusText(status: string): string {
  return partStatusLabels[status] ?? status;
}

const savedAtFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * Date and time to the second (versions a minute apart must read apart) in the sitting's time
 * zone, named, so a coordinator elsewhere reads the sitting's clock; the browser's zone until the
 * sitting's is known.
 */
export function savedAtText(iso: string, timeZone?: string): string {
  const key = timeZone ?? '';
  let format = savedAtFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(undefined, {
      dateStyle: 'medium',
      timeStyle: 'long',
      ...(timeZone ? { timeZone } : {}),
    });
    savedAtFormats.set(key, format);
  }
  return format.format(new Date(iso));
}

export function wordsText(words: number): string {
  return `${words} ${words === 1 ? 'word' : 'words'}`;
}
