import type { Scope } from '../../db/association-scope.js';
import { AppError } from '../../lib/app-error.js';
import { toSafeCsv } from '../../lib/csv.js';
import type { SittingsDeps } from './sittings.deps.js';
import type { createEnrolmentService } from './enrolment.service.js';
import * as sittingsRepo from './sittings.repo.js';

type Enrolments = Pick<ReturnType<typeof createEnrolmentService>, 'listEnrolments'>;

const statusWords: Record<string, string> = {
  'not-started': 'not started',
  running: 'in progress',
  paused: 'paused',
  submitted: 'submitted',
  expired: 'time ran out',
  ended: 'ended by proctor',
};

/** The roster and attempt-status exports of a sitting. */
export function createSittingExports(
  deps: Pick<SittingsDeps, 'db' | 'attempts'>,
  enrolments: Enrolments,
) {
  async function sittingName(scope: Scope, id: string): Promise<string> {
    const sitting = await sittingsRepo.findSitting(deps.db, scope, id);
    if (!sitting) throw new AppError('NOT_FOUND', 'No such sitting.', 404);
    return sitting.name;
  }

  return {
    async rosterCsv(scope: Scope, sittingId: string): Promise<{ name: string; csv: string }> {
      const name = await sittingName(scope, sittingId);
      const roster = await enrolments.listEnrolments(scope, sittingId);
      const csv = toSafeCsv(
        [
          'name',
          'email',
          'endorsement',
          'exam_endorsement',
          'category',
          'track',
          'variant',
          'admitted',
          'accommodations',
        ],
        roster.map((e) => [
          e.displayName,
          e.email,
          e.endorsement,
          e.examEndorsement,
          e.category,
          e.track,
          e.variant,
          e.admitted ? 'yes' : 'no',
          e.accommodations,
        ]),
      );
      return { name, csv };
    },

    async attemptStatusCsv(
      scope: Scope,
      sittingId: string,
    ): Promise<{ name: string; csv: string }> {
      const name = await sittingName(scope, sittingId);
      const roster = await enrolments.listEnrolments(scope, sittingId);
      const statuses = await deps.attempts.statusByEnrolment(roster.map((e) => e.id));
      const partColumns = (part: 1 | 2) => [
        `part${part}_status`,
        `part${part}_started_at`,
        `part${part}_closed_at`,
        `part${part}_closed_reason`,
      ];
      const csv = toSafeCsv(
        [
          'name',
          'email',
          'exam_endorsement',
          'variant',
          'admitted',
          'answered_part1',
          ...partColumns(1),
          ...partColumns(2),
        ],
        roster.map((e) => {
          const status = statuses.get(e.id);
          const part = (n: 1 | 2) => {
            const p = status?.parts.find((x) => x.part === n);
            return [
              p ? (statusWords[p.status] ?? p.status) : 'no attempt',
              p?.startedAt?.toISOString(),
              p?.closedAt?.toISOString(),
              p?.closedReason,
            ];
          };
          return [
            e.displayName,
            e.email,
            e.examEndorsement,
            e.variant,
            e.admitted ? 'yes' : 'no',
            status?.answered ?? 0,
            ...part(1),
            ...part(2),
          ];
        }),
      );
      return { name, csv };
    },
  };
}
