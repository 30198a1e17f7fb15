const MINUTE_MS = 60_000;

/** What decides a sitting's clock: its own schedule, and the rules it or its association sets. */
export interface ClockedSitting {
  startsAt: Date | null;
  startWindowMinutes: number;
  part1Minutes: number;
  part2Minutes: number;
  /** A sitting may set `checkInOpensMinutes` or `lateCutoffMinutes` in its policies. */
  policies: Record<string, unknown>;
  clockHeldUntil: Date | null;
}

export interface ClockRules {
  checkInOpensMinutes: number;
  lateCutoffMinutes: number;
}

/** The moments a sitting moves on by itself, on the server's UTC clock. */
export interface SittingTimes {
  checkInOpensAt: Date;
  startsAt: Date;
  lateCutoffAt: Date;
  /** The end: the start window and both parts, as the candidate's notice states it. */
  closesAt: Date;
  heldUntil: Date | null;
}

function minutesPolicy(policies: Record<string, unknown>, key: string): number | null {
  const value = policies[key];
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null;
}

/** The sitting's times; null while it has no start (a draft). The sitting's policy beats the association's. */
export function sittingTimes(sitting: ClockedSitting, rules: ClockRules): SittingTimes | null {
  if (!sitting.startsAt) return null;
  const start = sitting.startsAt.getTime();
  const checkIn =
    minutesPolicy(sitting.policies, 'checkInOpensMinutes') ?? rules.checkInOpensMinutes;
  const late = minutesPolicy(sitting.policies, 'lateCutoffMinutes') ?? rules.lateCutoffMinutes;
  const length = sitting.startWindowMinutes + sitting.part1Minutes + sitting.part2Minutes;
  return {
    checkInOpensAt: new Date(start - checkIn * MINUTE_MS),
    startsAt: sitting.startsAt,
    lateCutoffAt: new Date(start + late * MINUTE_MS),
    closesAt: new Date(start + length * MINUTE_MS),
    heldUntil: sitting.clockHeldUntil,
  };
}

/** A hold stops the automatic moves until its time, inclusive: at that instant they resume. */
function held(times: SittingTimes, now: Date): boolean {
  return times.heldUntil !== null && now.getTime() < times.heldUntil.getTime();
}

/** A scheduled sitting opens itself from the instant check-in opens (inclusive). */
export function isDueToOpen(times: SittingTimes, now: Date): boolean {
  return !held(times, now) && now.getTime() >= times.checkInOpensAt.getTime();
}

/** An open sitting closes itself from the instant it ends (inclusive). */
export function isDueToClose(times: SittingTimes, now: Date): boolean {
  return !held(times, now) && now.getTime() >= times.closesAt.getTime();
}

/** A candidate arriving at the cutoff itself is on time; a millisecond later they are late. */
export function isLate(times: SittingTimes, at: Date): boolean {
  return at.getTime() > times.lateCutoffAt.getTime();
}
