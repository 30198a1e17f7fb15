import type { AppealRow } from './appeals.repo.js';

/**
 * Tells the candidate their appeal was decided or declined. There is no mail outbox on this
 * branch: the integrator wires this to the mail module (one call per decided or declined
 * appeal, after its transaction committed). Until then the candidate reads the outcome on their
 * results page, which always shows it.
 */
export function notifyAppealOutcome(
  appeal: Pick<AppealRow, 'id' | 'candidateId' | 'status'>,
): void {
  void appeal;
}
