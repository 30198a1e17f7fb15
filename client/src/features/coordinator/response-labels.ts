/** How the response pages name what the server records about a Part Two response. */

/** Why a version was kept; the server writes these three (response_snapshots.reason). */
const snapshotReasonLabels: Record<string, string> = {
  interval: 'Autosave (at most one a minute)',
  submit: 'Part Two submitted',
  restore: 'Restored by a coordinator',
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

/** Date and time to the second: versions a minute apart must read apart. */
const savedAtFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'medium',
});

export function savedAtText(iso: string): string {
  return savedAtFormat.format(new Date(iso));
}

export function wordsText(words: number): string {
  return `${words} ${words === 1 ? 'word' : 'words'}`;
}
