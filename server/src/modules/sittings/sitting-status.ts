import type { SittingStatus } from '@exam/shared/api';
import { AppError } from '../../lib/app-error.js';

/**
 * The sitting's life: draft -> scheduled -> open -> closed -> released. A scheduled sitting may go
 * back to draft; nothing goes back once candidates have seen a question.
 */
const nextStates: Record<SittingStatus, readonly SittingStatus[]> = {
  draft: ['scheduled'],
  scheduled: ['draft', 'open'],
  open: ['closed'],
  closed: ['released'],
  released: [],
};

/** Where a sitting in `from` may go next. */
export function transitionsFrom(from: SittingStatus): readonly SittingStatus[] {
  return nextStates[from];
}

/** Refuses a move the state machine does not allow, naming both states. */
export function assertTransition(from: SittingStatus, to: SittingStatus): void {
  if (!nextStates[from].includes(to)) {
    throw new AppError(
      'ILLEGAL_TRANSITION',
      `A sitting that is ${from} cannot become ${to}.`,
      409,
      { from, to, allowed: nextStates[from] },
    );
  }
}

/** Schedule, forms, vignette sets and policies change only before the sitting opens. */
export function isEditable(status: SittingStatus): boolean {
  return status === 'draft' || status === 'scheduled';
}

/** Candidates are enrolled and withdrawn only before the sitting opens. */
export function acceptsEnrolment(status: SittingStatus): boolean {
  return status === 'draft' || status === 'scheduled';
}

/** Proctors may be swapped until the sitting closes (someone falls ill on the day). */
export function acceptsProctorChanges(status: SittingStatus): boolean {
  return status === 'draft' || status === 'scheduled' || status === 'open';
}
