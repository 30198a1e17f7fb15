/**
 * What a sitting needs before it can be scheduled: when, where and for which cycle. One function
 * for the server (which refuses Schedule, and an edit that would leave a scheduled sitting short)
 * and the coordinator's form (which says so beside the field while the data is being entered).
 */

/** The form field each gap belongs to, so the form can put the reason beside it. */
export type SchedulingField = 'applicationCycle' | 'start' | 'location';

export interface SchedulingGap {
  field: SchedulingField;
  /** Reads after "Before scheduling, give …". */
  need: string;
}

export interface SchedulingFacts {
  applicationCycle: string | null;
  /** Both a date and a start time are set. */
  hasStart: boolean;
  remote: boolean;
  location: string | null;
}

export function schedulingGaps(facts: SchedulingFacts): SchedulingGap[] {
  const gaps: SchedulingGap[] = [];
  if (!facts.applicationCycle)
    gaps.push({ field: 'applicationCycle', need: 'the application cycle' });
  if (!facts.hasStart) gaps.push({ field: 'start', need: 'the date and start time' });
  if (!facts.remote && !facts.location?.trim()) {
    gaps.push({ field: 'location', need: 'a location (or mark it remote)' });
  }
  return gaps;
}

/** "the application cycle, a location (or mark it remote)" */
export function listSchedulingGaps(gaps: readonly SchedulingGap[]): string {
  return gaps.map((g) => g.need).join(', ');
}
