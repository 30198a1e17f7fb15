const DAY_MS = 24 * 3600_000;

export type PartNumber = 1 | 2;

/** One released result of the candidate's, with the sitting and content it was sat on. */
export interface PartHistory {
  sittingId: string;
  sittingName: string;
  sittingStartsAt: Date;
  partsSat: PartNumber[];
  passed: { 1: boolean; 2: boolean };
  formId: string | null;
  vignetteSetId: string | null;
}

/** The association's retake rules (its settings). */
export interface RetakeRules {
  retakeValidityMonths: number;
  retakeWaitDays: number;
  retakeMaxAttempts: number;
  retakeRequestDays: number;
}

/** The sitting asked for, with the content the candidate would be shown in it. */
export interface RetakeTarget {
  name: string;
  status: string;
  startsAt: Date | null;
  /** The Part One form for the candidate's exam endorsement, if set. */
  formId: string | null;
  vignetteSetIds: string[];
}

export type RetakeRule =
  | 'sitting'
  | 'no-pass'
  | 'already-passed'
  | 'not-attempted'
  | 'max-attempts'
  | 'waiting-period'
  | 'validity'
  | 'deadline';

export interface RetakeEligibility {
  eligible: boolean;
  problems: { rule: RetakeRule; message: string }[];
  attemptsUsed: number;
  /** The first sitting start the waiting period allows (UTC), if a failed attempt is on record. */
  earliestDate: Date | null;
  /** The last sitting start at which the other part's pass still counts. */
  validUntil: Date | null;
  /** The last instant the request may be made for this sitting. */
  requestDeadline: Date | null;
  /** Content of the target the candidate has already seen: a form warning for the coordinator. */
  seen: { formId: string | null; vignetteSetIds: string[]; inSittings: string[] };
}

/** Calendar months later in UTC; the 31st becomes the month's last day when the month is shorter. */
export function addMonths(from: Date, months: number): Date {
  const y = from.getUTCFullYear();
  const m = from.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const at = new Date(from);
  at.setUTCFullYear(y, m, Math.min(from.getUTCDate(), last));
  return at;
}

const other = (part: PartNumber): PartNumber => (part === 1 ? 2 : 1);
const partName = (part: PartNumber) => (part === 1 ? 'Part One' : 'Part Two');
const newestFirst = (a: PartHistory, b: PartHistory) =>
  b.sittingStartsAt.getTime() - a.sittingStartsAt.getTime();

/** The attempts at a part, newest first, and the newest pass of the other part. */
function standing(history: readonly PartHistory[], part: PartNumber) {
  const sorted = [...history].sort(newestFirst);
  const atPart = sorted.filter((h) => h.partsSat.includes(part));
  const otherPass = sorted.find((h) => h.partsSat.includes(other(part)) && h.passed[other(part)]);
  return { atPart, otherPass, passedPart: atPart.some((h) => h.passed[part]) };
}

/** The first date a retake of `part` may be sat: the waiting period after the last attempt. */
export function earliestRetakeDate(
  history: readonly PartHistory[],
  part: PartNumber,
  rules: RetakeRules,
): Date | null {
  const { atPart, otherPass, passedPart } = standing(history, part);
  const last = atPart[0];
  if (!last || passedPart || !otherPass || atPart.length >= rules.retakeMaxAttempts) return null;
  return new Date(last.sittingStartsAt.getTime() + rules.retakeWaitDays * DAY_MS);
}

/**
 * Whether the candidate may retake `part` alone in `target`. Every window is inclusive on the
 * server's UTC clock: a sitting starting on the last valid day, or a request on the deadline, is in.
 * `checkDeadline` is false when a coordinator approves a request that was made in time.
 */
export function retakeEligibility(input: {
  history: readonly PartHistory[];
  part: PartNumber;
  target: RetakeTarget;
  rules: RetakeRules;
  now: Date;
  checkDeadline: boolean;
}): RetakeEligibility {
  const { history, part, target, rules, now } = input;
  const problems: RetakeEligibility['problems'] = [];
  const add = (rule: RetakeRule, message: string) => problems.push({ rule, message });
  const { atPart, otherPass, passedPart } = standing(history, part);
  const start = target.startsAt;
  if (!start || (target.status !== 'draft' && target.status !== 'scheduled'))
    add('sitting', `${target.name} does not take enrolments now.`);
  if (!otherPass)
    add('no-pass', `${partName(other(part))} has not been passed: a retake of one part needs it.`);
  if (passedPart) add('already-passed', `${partName(part)} has been passed already.`);
  if (atPart.length === 0) add('not-attempted', `${partName(part)} has not been sat yet.`);
  if (atPart.length >= rules.retakeMaxAttempts)
    add(
      'max-attempts',
      `${partName(part)} has been attempted ${atPart.length} times; the limit is ${rules.retakeMaxAttempts}.`,
    );
  const last = atPart[0];
  const earliestDate = last
    ? new Date(last.sittingStartsAt.getTime() + rules.retakeWaitDays * DAY_MS)
    : null;
  if (start && earliestDate && start.getTime() < earliestDate.getTime())
    add('waiting-period', `A retake may start from ${earliestDate.toISOString()}.`);
  const validUntil = otherPass
    ? addMonths(otherPass.sittingStartsAt, rules.retakeValidityMonths)
    : null;
  if (start && validUntil && start.getTime() > validUntil.getTime())
    add(
      'validity',
      `The ${partName(other(part))} pass counts for sittings until ${validUntil.toISOString()}.`,
    );
  const requestDeadline = start
    ? new Date(start.getTime() - rules.retakeRequestDays * DAY_MS)
    : null;
  if (input.checkDeadline && requestDeadline && now.getTime() > requestDeadline.getTime())
    add('deadline', `Requests for ${target.name} closed at ${requestDeadline.toISOString()}.`);
  const sawForm =
    part === 1 && target.formId !== null && history.some((h) => h.formId === target.formId);
  const seenSets =
    part === 2
      ? target.vignetteSetIds.filter((id) => history.some((h) => h.vignetteSetId === id))
      : [];
  const inSittings = history
    .filter(
      (h) =>
        (sawForm && h.formId === target.formId) ||
        (h.vignetteSetId !== null && seenSets.includes(h.vignetteSetId)),
    )
    .map((h) => h.sittingName);
  return {
    eligible: problems.length === 0,
    problems,
    attemptsUsed: atPart.length,
    earliestDate,
    validUntil,
    requestDeadline,
    seen: { formId: sawForm ? target.formId : null, vignetteSetIds: seenSets, inSittings },
  };
}
