import type {
  CurrentUser,
  Rubric,
  RubricContent,
  RubricListResponse,
  RubricVersionCreatedResponse,
} from '@exam/shared/api';
import type { Db, DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import * as pinsRepo from './rubric-pins.repo.js';
import * as rubricsRepo from './rubrics.repo.js';
import type { RubricRow } from './rubrics.repo.js';

function presentRubric(row: RubricRow, current: boolean): Rubric {
  return {
    id: row.id,
    variant: row.variant as Rubric['variant'],
    version: row.version,
    title: row.title,
    criteria: row.criteria as Rubric['criteria'],
    passingRule: row.passingRule,
    scoringStartedAt: row.scoringStartedAt?.toISOString() ?? null,
    current,
    createdAt: row.createdAt.toISOString(),
  };
}

function contentOf(content: RubricContent) {
  return {
    title: content.title,
    criteria: content.criteria.map((c) => ({ ...c, levels: c.levels.map((l) => ({ ...l })) })),
    passingRule: { ...content.passingRule },
  };
}

/** A variant's current rubric, the one new work uses; NOT_FOUND while the variant has none. */
export async function currentRubricOf(db: DbOrTx, variant: string): Promise<RubricRow> {
  const rubric = await rubricsRepo.latestRubric(db, variant);
  if (!rubric) throw new AppError('NOT_FOUND', 'That variant has no rubric yet.', 404);
  return rubric;
}

export type RubricsService = ReturnType<typeof createRubricsService>;

/**
 * Rubric versions per variant. A response is pinned to its version once its first reading is
 * given out, and the version is locked from then on (routing locks it). A new version is what
 * every response nobody has been given yet is scored with; the others keep theirs, so all the
 * readings of one response, the third included, are made with one version.
 */
export function createRubricsService(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
}) {
  async function present(row: RubricRow): Promise<Rubric> {
    const latest = await rubricsRepo.latestRubric(deps.db, row.variant);
    return presentRubric(row, latest?.id === row.id);
  }

  return {
    async list(): Promise<RubricListResponse> {
      const rows = await rubricsRepo.listRubrics(deps.db);
      const newest = new Map<string, number>();
      for (const row of rows)
        newest.set(row.variant, Math.max(newest.get(row.variant) ?? 0, row.version));
      return {
        rubrics: rows.map((row) => presentRubric(row, newest.get(row.variant) === row.version)),
      };
    },

    async createVersion(
      actor: Pick<CurrentUser, 'id'> | null,
      variant: string,
      content: RubricContent,
    ): Promise<RubricVersionCreatedResponse> {
      return deps.db.transaction(async (tx) => {
        const created = await rubricsRepo.insertRubric(tx, {
          variant,
          ...contentOf(content),
          createdAt: deps.clock.now(),
          createdBy: actor?.id ?? null,
        });
        const moved = await pinsRepo.repinUnclaimed(tx, variant, created.id);
        const kept = await pinsRepo.heldOnOtherVersions(tx, variant, created.id);
        const takeover = {
          responsesMoved: moved.length,
          responsesKept: kept.responses,
          readingsInProgress: kept.openReadings,
        };
        await deps.audit.append(tx, {
          actorId: actor?.id ?? null,
          action: 'rubric.version_created',
          subjectType: 'rubric',
          subjectId: created.id,
          details: { variant, version: created.version, ...takeover, movedCodes: moved },
        });
        return { rubric: presentRubric(created, true), takeover };
      });
    },

    async update(
      actor: Pick<CurrentUser, 'id'>,
      id: string,
      content: RubricContent,
    ): Promise<Rubric> {
      const row = await deps.db.transaction(async (tx) => {
        const existing = await rubricsRepo.findRubric(tx, id);
        if (!existing) throw new AppError('NOT_FOUND', 'No such rubric.', 404);
        const latest = await rubricsRepo.latestRubric(tx, existing.variant);
        if (latest?.id !== id) {
          throw new AppError(
            'RUBRIC_NOT_CURRENT',
            'Only the newest version of a rubric can be edited.',
            409,
          );
        }
        const updated = await rubricsRepo.updateUnlockedRubric(tx, id, contentOf(content));
        if (!updated) {
          throw new AppError(
            'RUBRIC_LOCKED',
            'Graders hold responses on this version, so it can no longer change. Create a new version instead: it applies to responses no grader has been given yet.',
            409,
          );
        }
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'rubric.updated',
          subjectType: 'rubric',
          subjectId: id,
          details: { variant: updated.variant, version: updated.version },
        });
        return updated;
      });
      return present(row);
    },
  };
}
