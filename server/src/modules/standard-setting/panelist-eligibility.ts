import { AppError } from '../../lib/app-error.js';
import type { SittingResultsAccess } from '../sittings/index.js';

/**
 * A panelist reads the answer keys: someone still to sit, or waiting for results (where a retake
 * may follow), must not, whether they are being invited or were enrolled after joining. Once
 * their results are released the knowledge no longer helps them.
 */
export async function assertNotAwaitingResults(
  sittings: Pick<SittingResultsAccess, 'enrolmentsOfCandidate'>,
  user: { id: string; displayName: string },
): Promise<void> {
  const pending = (await sittings.enrolmentsOfCandidate(user.id)).filter(
    (e) => e.sittingStatus !== 'released',
  );
  if (pending.length === 0) return;
  throw new AppError(
    'PANELIST_IS_CANDIDATE',
    `${user.displayName} is enrolled in ${pending.map((e) => e.sittingName).join(', ')}, ` +
      'whose results are not released: a panelist sees the answer keys, so a candidate ' +
      'joins a panel only once their results are out.',
    409,
  );
}
