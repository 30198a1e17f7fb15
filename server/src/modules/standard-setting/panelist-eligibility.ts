import { AppError } from '../../lib/app-error.js';
import type { SittingResultsAccess } from '../sittings/index.js';

/**
 * A panelist reads the answer keys: someone still to sit, or waiting for results (where a retake
 * may follow), must not, whether they are being invited or were enrolled after joining. Once
 * their results are released the knowledge no longer helps them. The same rule as the grading
 * pool's (sittings' `awaitingResults`).
 */
export async function assertNotAwaitingResults(
  sittings: Pick<SittingResultsAccess, 'awaitingResults'>,
  user: { id: string; displayName: string },
): Promise<void> {
  const pending = (await sittings.awaitingResults([user.id])).get(user.id);
  if (!pending) return;
  throw new AppError(
    'PANELIST_IS_CANDIDATE',
    `${user.displayName} is enrolled in ${pending.join(', ')}, ` +
      'whose results are not released: a panelist sees the answer keys, so a candidate ' +
      'joins a panel only once their results are out.',
    409,
  );
}
