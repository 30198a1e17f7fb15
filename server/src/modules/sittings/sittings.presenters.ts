import {
  sittingPoliciesSchema,
  type SittingDetail,
  type SittingForms,
  type SittingPerson,
  type SittingPolicies,
  type SittingStatus,
  type SittingSummary,
} from '@exam/shared/api';
import { applicationCycle, utcToZonedWallTime } from '@exam/shared/domain';
import { isEditable, transitionsFrom } from './sitting-status.js';
import type { SittingRow } from './sittings.repo.js';

export const defaultPolicies: SittingPolicies = {
  spellcheck: false,
  paste: 'plain-text',
  wordLimit: null,
  partTwoPassingRule: {},
  seb: { required: false, configKeys: [], browserExamKeys: [] },
};

/** Reads stored policies field by field, so a sitting saved before a field existed still reads. */
export function readPolicies(raw: Record<string, unknown>): SittingPolicies {
  const fields = sittingPoliciesSchema.shape;
  const pick = <K extends keyof SittingPolicies>(key: K): SittingPolicies[K] => {
    const parsed = fields[key].safeParse(raw[key]);
    return parsed.success ? (parsed.data as SittingPolicies[K]) : defaultPolicies[key];
  };
  return {
    spellcheck: pick('spellcheck'),
    paste: pick('paste'),
    wordLimit: pick('wordLimit'),
    partTwoPassingRule: pick('partTwoPassingRule'),
    seb: pick('seb'),
  };
}

export function readForms(raw: Record<string, string>): SittingForms {
  return { 'IMH-E': raw['IMH-E'] ?? null, 'ECMH-E': raw['ECMH-E'] ?? null };
}

export function presentSittingSummary(row: SittingRow, enrolledCount: number): SittingSummary {
  const wall = row.startsAt ? utcToZonedWallTime(row.startsAt, row.timeZone) : null;
  return {
    id: row.id,
    name: row.name,
    status: row.status as SittingStatus,
    applicationCycle: row.applicationCycle,
    cycleLabel: row.applicationCycle
      ? (applicationCycle(row.applicationCycle)?.label ?? row.applicationCycle)
      : null,
    date: wall?.date ?? null,
    startTime: wall?.time ?? null,
    startsAt: row.startsAt?.toISOString() ?? null,
    startWindowMinutes: row.startWindowMinutes,
    timeZone: row.timeZone,
    remote: row.remote,
    location: row.location,
    enrolledCount,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentSittingDetail(
  row: SittingRow,
  enrolledCount: number,
  proctors: SittingPerson[],
): SittingDetail {
  const status = row.status as SittingStatus;
  return {
    ...presentSittingSummary(row, enrolledCount),
    part1Minutes: row.part1Minutes,
    part2Minutes: row.part2Minutes,
    cutScore: row.cutScore,
    forms: readForms(row.forms),
    vignetteSetIds: row.vignetteSets,
    proctors,
    policies: readPolicies(row.policies),
    // `released` is made on the results page, not on the console.
    allowedTransitions: transitionsFrom(status).filter((s) => s !== 'released'),
    editable: isEditable(status),
  };
}
