/**
 * Application cycles. Applications are submitted by four deadlines a year (31 January, 30 April,
 * 31 July, 31 October); a sitting is scheduled for the candidates of one cycle, named like
 * "2027-Q1" (the cycle whose deadline is 31 January 2027).
 */
const deadlines = [
  { month: 1, day: 31, monthName: 'January' },
  { month: 4, day: 30, monthName: 'April' },
  { month: 7, day: 31, monthName: 'July' },
  { month: 10, day: 31, monthName: 'October' },
] as const;

export const applicationCyclePattern = /^(\d{4})-Q([1-4])$/;

export interface ApplicationCycle {
  /** e.g. "2027-Q1" */
  id: string;
  year: number;
  quarter: 1 | 2 | 3 | 4;
  /** The application deadline, YYYY-MM-DD. */
  deadline: string;
  /** e.g. "2027-Q1 (deadline 31 January 2027)" */
  label: string;
}

function cycleOf(year: number, quarter: 1 | 2 | 3 | 4): ApplicationCycle {
  const d = deadlines[quarter - 1] ?? deadlines[0];
  const id = `${year}-Q${quarter}`;
  return {
    id,
    year,
    quarter,
    deadline: `${year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`,
    label: `${id} (deadline ${d.day} ${d.monthName} ${year})`,
  };
}

/** The cycle named by `id`, or undefined when the name is not a cycle. */
export function applicationCycle(id: string): ApplicationCycle | undefined {
  const match = applicationCyclePattern.exec(id);
  if (!match) return undefined;
  return cycleOf(Number(match[1]), Number(match[2]) as 1 | 2 | 3 | 4);
}

/** The first cycle whose deadline is on or after the given day (UTC). */
export function cycleOnOrAfter(day: Date): ApplicationCycle {
  const year = day.getUTCFullYear();
  const isoDay = day.toISOString().slice(0, 10);
  for (const quarter of [1, 2, 3, 4] as const) {
    const cycle = cycleOf(year, quarter);
    if (cycle.deadline >= isoDay) return cycle;
  }
  return cycleOf(year + 1, 1);
}

/** `before` cycles before the one due next after `day`, that one, and `after` more. */
export function cyclesAround(day: Date, before: number, after: number): ApplicationCycle[] {
  const next = cycleOnOrAfter(day);
  const index = next.year * 4 + (next.quarter - 1);
  const cycles: ApplicationCycle[] = [];
  for (let i = index - before; i <= index + after; i += 1) {
    cycles.push(cycleOf(Math.floor(i / 4), ((i % 4) + 1) as 1 | 2 | 3 | 4));
  }
  return cycles;
}

/**
 * The application deadline a day falls after, by an association's own deadlines (month-day
 * strings such as "01-31"): the latest deadline on or before `day` (YYYY-MM-DD), as YYYY-MM-DD.
 * A candidate enrolled on `day` applied by that deadline, their applications having passed
 * review since. Undefined when the association keeps no deadlines.
 */
export function deadlineOnOrBefore(day: string, deadlines: readonly string[]): string | undefined {
  const year = Number(day.slice(0, 4));
  let latest: string | undefined;
  for (const y of [year - 1, year])
    for (const monthDay of deadlines) {
      const deadline = `${String(y).padStart(4, '0')}-${monthDay}`;
      if (deadline <= day && (!latest || deadline > latest)) latest = deadline;
    }
  return latest;
}
