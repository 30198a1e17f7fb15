import type { RubricTakeover } from '@exam/shared/api';

const responses = (n: number) => (n === 1 ? '1 response' : `${n} responses`);
const readings = (n: number) => (n === 1 ? '1 reading' : `${n} readings`);

/**
 * What saving a new version did, in the words the administrator reads: which responses it took
 * over, and which stay on the version their graders were given them with (a response keeps one
 * version for all its readings, so work in progress is never moved under a grader).
 */
export function takeoverMessage(version: number, takeover: RubricTakeover): string {
  const moved =
    takeover.responsesMoved === 0
      ? 'No response was waiting for a grader, so none moved to it.'
      : `${responses(takeover.responsesMoved)} no grader had been given yet ${
          takeover.responsesMoved === 1 ? 'is' : 'are'
        } now scored with it.`;
  const kept =
    takeover.responsesKept === 0
      ? 'No response graders hold stays on an earlier version.'
      : `${responses(takeover.responsesKept)} graders already hold ${
          takeover.responsesKept === 1 ? 'stays' : 'stay'
        } on the version ${takeover.responsesKept === 1 ? 'it was' : 'they were'} given with, ${readings(
          takeover.readingsInProgress,
        )} still in progress.`;
  return `Saved as version ${version}. ${moved} ${kept}`;
}
