import type { AppealSettings } from '@exam/shared/api';
import { variantNames, type Variant } from '@exam/shared/domain';
import type { AppealRow, AppealSettingsRow } from './appeals.repo.js';

/** The rules an association has not changed: a 30-day window, and each state's days. */
export const defaultAppealSettings: AppealSettings = {
  windowDays: 30,
  triageDays: 10,
  reviewDays: 21,
  decisionDays: 10,
};

export function settingsFrom(row: AppealSettingsRow | undefined): AppealSettings {
  if (!row) return defaultAppealSettings;
  const { windowDays, triageDays, reviewDays, decisionDays } = row;
  return { windowDays, triageDays, reviewDays, decisionDays };
}

const DAY = 86_400_000;

/** A UTC calendar day, YYYY-MM-DD. */
export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/**
 * The last day a review may be requested: the release day plus the window, counted in UTC
 * calendar days and inclusive (released on the 1st with 30 days: the 31st is the last day).
 */
export function windowClosesOn(releasedAt: Date, settings: AppealSettings): string {
  const releaseDay = Date.parse(`${dayOf(releasedAt)}T00:00:00.000Z`);
  return dayOf(new Date(releaseDay + settings.windowDays * DAY));
}

/** Whether `now` (the server's clock) is on or before the last day. */
export function withinWindow(now: Date, releasedAt: Date, settings: AppealSettings): boolean {
  return dayOf(now) <= windowClosesOn(releasedAt, settings);
}

/**
 * When the appeal's current state should be done by: triage from the request, the reviews
 * from acceptance, the decision after the reviews' days. Declined and decided ones have none.
 */
export function deadlineOf(
  appeal: Pick<AppealRow, 'status' | 'statusSince'>,
  settings: AppealSettings,
  reviewsIn: boolean,
): Date | null {
  const since = appeal.statusSince.getTime();
  if (appeal.status === 'requested') return new Date(since + settings.triageDays * DAY);
  if (appeal.status === 'accepted') {
    const days = settings.reviewDays + (reviewsIn ? settings.decisionDays : 0);
    return new Date(since + days * DAY);
  }
  return null;
}

/**
 * Why an accepted appeal's responses wait for a reviewer, as the coordinator reads it: independence
 * means nobody who read a response may review it, so only another qualified grader can.
 */
export function waitingReason(waiting: readonly { variant: string }[]): string | null {
  if (waiting.length === 0) return null;
  const names = [...new Set(waiting.map((w) => w.variant))].map(
    (v) => variantNames[v as Variant] ?? v,
  );
  const which = waiting.length === 1 ? 'this response' : 'these responses';
  const variant =
    names.length === 1 ? `the ${names[0]} variant` : `the ${names.join(' and ')} variants`;
  return (
    `No qualified grader who has not read ${which} is available for ${variant}. ` +
    `Qualify another grader for it; the review is assigned as soon as one is.`
  );
}
