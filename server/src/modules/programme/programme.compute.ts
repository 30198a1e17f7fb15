import type {
  CalendarEntry,
  CycleCandidates,
  DomainMean,
  GradingProgressRow,
  PassRate,
} from '@exam/shared/api';
import { deadlineOnOrBefore, utcToZonedWallTime } from '@exam/shared/domain';
import type { GradingItemForProgramme } from '../grading/index.js';
import type { ResultForProgramme } from '../results/index.js';
import type { EnrolmentForProgramme, SittingForProgramme } from '../sittings/index.js';

/** Everything the programme's figures are computed from, read through the owners' adapters. */
export interface ProgrammeInputs {
  associations: {
    id: string;
    name: string;
    shortName: string;
    timeZone: string;
    /** Month-days, e.g. ["01-31", "04-30", "07-31", "10-31"]. */
    applicationDeadlines: readonly string[];
  }[];
  sittings: SittingForProgramme[];
  enrolments: EnrolmentForProgramme[];
  results: ResultForProgramme[];
  gradingItems: GradingItemForProgramme[];
}

const HOUR_MS = 3_600_000;

/** One decimal, as the tables show it (and the exports keep it, so both agree). */
export const oneDecimal = (value: number) => Math.round(value * 10) / 10;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** YYYY-MM of an instant as the wall calendar of `timeZone` reads it. */
export function monthIn(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' })
    .formatToParts(instant)
    .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {});
  return `${parts['year']}-${parts['month']}`;
}

function namer(inputs: ProgrammeInputs) {
  const names = new Map(inputs.associations.map((a) => [a.id, a.name]));
  return (id: string) => names.get(id) ?? id;
}

function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/** Sittings by start: unscheduled ones are upcoming and carry no month. */
export function calendarOf(inputs: ProgrammeInputs, now: Date): CalendarEntry[] {
  const name = namer(inputs);
  return inputs.sittings.map((s) => ({
    sittingId: s.id,
    name: s.name,
    associationId: s.associationId,
    association: name(s.associationId),
    status: s.status,
    startsAt: s.startsAt?.toISOString() ?? null,
    timeZone: s.timeZone,
    month: s.startsAt ? monthIn(s.startsAt, s.timeZone) : null,
    upcoming: !s.startsAt || s.startsAt.getTime() >= now.getTime(),
  }));
}

/**
 * Candidates per application cycle, by each association's own deadlines (not the sitting's
 * free-text cycle): an enrolment counts in the cycle of the latest deadline on or before the
 * day it was made, in the association's time zone. A candidate enrolled twice in one cycle (a
 * retake) counts once for it.
 */
export function candidatesPerCycleOf(inputs: ProgrammeInputs): CycleCandidates[] {
  const name = namer(inputs);
  const settings = new Map(inputs.associations.map((a) => [a.id, a]));
  const cycleOf = (e: ProgrammeInputs['enrolments'][number]): string | null => {
    const association = settings.get(e.associationId);
    if (!association) return null;
    const day = utcToZonedWallTime(e.enrolledAt, association.timeZone).date;
    return deadlineOnOrBefore(day, association.applicationDeadlines) ?? null;
  };
  const counted = inputs.enrolments.map((e) => ({ ...e, cycle: cycleOf(e) }));
  const groups = groupBy(counted, (e) => `${e.associationId}|${e.cycle ?? ''}`);
  return [...groups.values()]
    .map((rows) => ({
      associationId: rows[0]!.associationId,
      association: name(rows[0]!.associationId),
      cycle: rows[0]!.cycle,
      candidates: new Set(rows.map((r) => r.candidateId)).size,
    }))
    .sort(
      (a, b) =>
        a.association.localeCompare(b.association) || (a.cycle ?? '').localeCompare(b.cycle ?? ''),
    );
}

/** Released results joined to their enrolments, for the association and endorsement. */
function resultsWithEnrolment(inputs: ProgrammeInputs) {
  const enrolmentOf = new Map(inputs.enrolments.map((e) => [`${e.sittingId}|${e.candidateId}`, e]));
  return inputs.results.flatMap((result) => {
    const enrolment = enrolmentOf.get(`${result.sittingId}|${result.candidateId}`);
    return enrolment ? [{ result, enrolment }] : [];
  });
}

const byAssociationAndEndorsement = (a: PassRate | DomainMean, b: PassRate | DomainMean) =>
  a.association.localeCompare(b.association) || a.endorsement.localeCompare(b.endorsement);

export function passRatesOf(inputs: ProgrammeInputs): PassRate[] {
  const name = namer(inputs);
  const groups = groupBy(
    resultsWithEnrolment(inputs),
    ({ enrolment }) => `${enrolment.associationId}|${enrolment.endorsement}`,
  );
  return [...groups.values()]
    .map((rows) => {
      const { associationId, endorsement } = rows[0]!.enrolment;
      const passed = rows.filter((r) => r.result.passed).length;
      return {
        associationId,
        association: name(associationId),
        endorsement,
        released: rows.length,
        passed,
        passRate: oneDecimal((passed / rows.length) * 100),
      };
    })
    .sort(byAssociationAndEndorsement);
}

/** Each candidate's percent correct in a domain, averaged: every candidate weighs the same. */
export function domainMeansOf(inputs: ProgrammeInputs): DomainMean[] {
  const name = namer(inputs);
  const scores = resultsWithEnrolment(inputs).flatMap(({ result, enrolment }) =>
    result.domains
      .filter((d) => d.total > 0)
      .map((d) => ({
        enrolment,
        domain: d.domain,
        label: d.label,
        percent: (d.correct / d.total) * 100,
      })),
  );
  const groups = groupBy(
    scores,
    (s) => `${s.enrolment.associationId}|${s.enrolment.endorsement}|${s.domain}`,
  );
  return [...groups.values()]
    .map((rows) => {
      const { enrolment, domain, label } = rows[0]!;
      return {
        associationId: enrolment.associationId,
        association: name(enrolment.associationId),
        endorsement: enrolment.endorsement,
        domain,
        label,
        candidates: rows.length,
        meanPercent: oneDecimal(rows.reduce((sum, r) => sum + r.percent, 0) / rows.length),
      };
    })
    .sort((a, b) => byAssociationAndEndorsement(a, b) || a.domain.localeCompare(b.domain));
}

/** Every association appears, with zeros when nothing of it is in grading yet. */
export function gradingProgressOf(inputs: ProgrammeInputs): GradingProgressRow[] {
  const associationOf = new Map(inputs.sittings.map((s) => [s.id, s.associationId]));
  const items = groupBy(inputs.gradingItems, (i) => associationOf.get(i.sittingId) ?? '');
  return [...inputs.associations]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((association) => {
      const rows = items.get(association.id) ?? [];
      const scored = rows.filter((r) => r.status === 'final');
      const hours = scored.flatMap((r) =>
        r.takenAt && r.finalizedAt
          ? [(r.finalizedAt.getTime() - r.takenAt.getTime()) / HOUR_MS]
          : [],
      );
      const middle = median(hours);
      return {
        associationId: association.id,
        association: association.name,
        responses: rows.length,
        scored: scored.length,
        awaiting: rows.length - scored.length,
        medianHoursToFinal: middle === null ? null : oneDecimal(middle),
      };
    });
}
