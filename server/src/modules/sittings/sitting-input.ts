/*
 * What a coordinator's sitting form must satisfy, and the columns it becomes: the checks that
 * creating, editing and scheduling a sitting share, kept apart from the schedule's workflows in
 * sitting-schedule.service.ts so that file stays about the transactions and their audit.
 */
import type { SittingInput } from '@exam/shared/api';
import { listSchedulingGaps, schedulingGaps, zonedWallTimeToUtc } from '@exam/shared/domain';
import { associationScope } from '../../db/association-scope.js';
import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { SittingsDeps } from './sittings.deps.js';
import type { SittingRow } from './sittings.repo.js';

/** The sitting's columns as the coordinator's form gives them (a start only with date and time). */
export function columnsOf(input: SittingInput) {
  return {
    name: input.name,
    applicationCycle: input.applicationCycle,
    startsAt:
      input.date && input.startTime
        ? zonedWallTimeToUtc(input.date, input.startTime, input.timeZone)
        : null,
    startWindowMinutes: input.startWindowMinutes,
    timeZone: input.timeZone,
    remote: input.remote,
    location: input.remote ? null : input.location || null,
    part1Minutes: input.part1Minutes,
    part2Minutes: input.part2Minutes,
    forms: Object.fromEntries(
      Object.entries(input.forms).filter((entry): entry is [string, string] => entry[1] !== null),
    ),
    vignetteSets: [...new Set(input.vignetteSetIds)],
    policies: input.policies,
  };
}

/** What scheduling needs beyond a draft, by the rule the coordinator's form shows too. */
export function gapsOf(row: SittingRow): string | null {
  const gaps = schedulingGaps({
    applicationCycle: row.applicationCycle,
    hasStart: row.startsAt !== null,
    remote: row.remote,
    location: row.location,
  });
  return gaps.length > 0 ? listSchedulingGaps(gaps) : null;
}

/**
 * Proctors must hold the proctor role in the sitting's own association: roles are read in that
 * association, so a proctor of another one is refused like any non-proctor.
 */
export async function assertProctors(
  deps: Pick<SittingsDeps, 'users'>,
  tx: DbOrTx,
  associationId: string,
  ids: readonly string[],
): Promise<string[]> {
  const unique = [...new Set(ids)];
  const found = await deps.users.findByIds(tx, unique, associationScope(associationId));
  const proctors = new Set(
    found.filter((u) => u.roles.includes('proctor') && !u.disabled).map((u) => u.id),
  );
  const refused = unique.filter((id) => !proctors.has(id));
  if (refused.length > 0) {
    throw new AppError('VALIDATION_FAILED', 'Only active proctors can be assigned.', 400, {
      fields: [{ path: 'proctorIds', message: 'Not a proctor' }],
      refused,
    });
  }
  return unique;
}

/** Forms must be for their endorsement and not retired; vignette sets must be active. */
export async function assertContent(
  deps: Pick<SittingsDeps, 'forms' | 'vignettes'>,
  input: SittingInput,
): Promise<void> {
  const forms = new Map((await deps.forms.listForms()).map((f) => [f.id, f]));
  for (const [endorsement, formId] of Object.entries(input.forms)) {
    if (formId === null) continue;
    const form = forms.get(formId);
    if (!form || form.endorsement !== endorsement || form.status === 'retired') {
      throw new AppError(
        'VALIDATION_FAILED',
        `The ${endorsement} form must be an ${endorsement} form that is not retired.`,
        400,
        { fields: [{ path: `forms.${endorsement}`, message: 'Unusable form' }] },
      );
    }
  }
  const sets = new Map((await deps.vignettes.listSets()).map((s) => [s.id, s]));
  const unusable = input.vignetteSetIds.filter((id) => sets.get(id)?.status !== 'active');
  if (unusable.length > 0) {
    throw new AppError('VALIDATION_FAILED', 'Choose only active vignette sets.', 400, {
      fields: [{ path: 'vignetteSetIds', message: 'Unknown or retired set' }],
      unusable,
    });
  }
}
