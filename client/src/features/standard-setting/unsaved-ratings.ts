/**
 * Ratings the server refused or never received, kept in the tab's session storage until one is
 * saved: a save that fails after the panelist has left the page (a link pressed while it was on
 * its way) is shown, with the rating back in its field, when they return to the study.
 */
export type UnsavedRatings = Record<number, { text: string; message: string }>;

const keyOf = (studyId: string, round: 1 | 2) => `unsaved-ratings:${studyId}:${round}`;

export function readUnsaved(studyId: string, round: 1 | 2): UnsavedRatings {
  try {
    const stored = window.sessionStorage.getItem(keyOf(studyId, round));
    return stored ? (JSON.parse(stored) as UnsavedRatings) : {};
  } catch {
    // Storage off or the value damaged: nothing to restore, and the page works without it.
    return {};
  }
}

function write(studyId: string, round: 1 | 2, ratings: UnsavedRatings): void {
  try {
    const key = keyOf(studyId, round);
    if (Object.keys(ratings).length === 0) window.sessionStorage.removeItem(key);
    else window.sessionStorage.setItem(key, JSON.stringify(ratings));
  } catch {
    // Storage full or off: the page still shows the failure while it is open.
  }
}

export function keepUnsaved(
  studyId: string,
  round: 1 | 2,
  position: number,
  rating: { text: string; message: string },
): void {
  write(studyId, round, { ...readUnsaved(studyId, round), [position]: rating });
}

export function forgetUnsaved(studyId: string, round: 1 | 2, position: number): void {
  const rest = { ...readUnsaved(studyId, round) };
  if (!(position in rest)) return;
  delete rest[position];
  write(studyId, round, rest);
}
