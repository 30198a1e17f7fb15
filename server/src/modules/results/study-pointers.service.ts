import {
  studyPointerDomainSchema,
  type CurrentUser,
  type StudyPointerContent,
  type StudyPointerEntry,
  type StudyPointersResponse,
  type StudyPointerView,
} from '@exam/shared/api';
import {
  competencyDomainLabels,
  competencyDomains,
  type CompetencyDomain,
} from '@exam/shared/domain';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import * as pointersRepo from './study-pointers.repo.js';
import type { StudyPointerRow } from './study-pointers.repo.js';

export type StudyPointersService = ReturnType<typeof createStudyPointersService>;

function contentOf(row: StudyPointerRow): StudyPointerContent {
  return { summary: row.summary, readAbout: [...row.readAbout], practise: [...row.practise] };
}

function present(domain: CompetencyDomain, row: StudyPointerRow): StudyPointerEntry {
  return {
    domain,
    label: competencyDomainLabels[domain],
    ...contentOf(row),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Rows keyed by domain, dropping any whose domain the product no longer has. */
function byDomain(rows: readonly StudyPointerRow[]): Map<CompetencyDomain, StudyPointerRow> {
  const map = new Map<CompetencyDomain, StudyPointerRow>();
  for (const row of rows) {
    const domain = studyPointerDomainSchema.safeParse(row.domain);
    if (domain.success) map.set(domain.data, row);
  }
  return map;
}

/**
 * Study pointers: per competency domain, where a candidate below expectation goes next. Product
 * content a coordinator edits; every edit is audited with the text before and after, because a
 * candidate's released results page shows it.
 */
export function createStudyPointersService(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
}) {
  const { db } = deps;

  return {
    /** Every domain's pointer, in the product's domain order. */
    async list(): Promise<StudyPointersResponse> {
      const rows = byDomain(await pointersRepo.listPointers(db));
      return {
        pointers: competencyDomains.flatMap((domain) => {
          const row = rows.get(domain);
          return row ? [present(domain, row)] : [];
        }),
      };
    },

    /** The pointers a released result shows for its weak domains, in the order given. */
    async forDomains(domains: readonly CompetencyDomain[]): Promise<StudyPointerView[]> {
      if (domains.length === 0) return [];
      const rows = byDomain(await pointersRepo.listPointers(db));
      return domains.flatMap((domain) => {
        const row = rows.get(domain);
        return row ? [{ domain, label: competencyDomainLabels[domain], ...contentOf(row) }] : [];
      });
    },

    /** Replaces one domain's pointer; an edit that changes nothing stores and audits nothing. */
    async update(
      actor: CurrentUser,
      domain: CompetencyDomain,
      content: StudyPointerContent,
    ): Promise<StudyPointerEntry> {
      return db.transaction(async (tx) => {
        const before = await pointersRepo.pointerForUpdate(tx, domain);
        if (before && JSON.stringify(contentOf(before)) === JSON.stringify(content))
          return present(domain, before);
        const saved = await pointersRepo.savePointer(tx, {
          domain,
          ...content,
          updatedAt: deps.clock.now(),
          updatedBy: actor.id,
        });
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'study_pointers.updated',
          subjectType: 'study_pointer',
          subjectId: domain,
          details: { before: before ? contentOf(before) : null, after: content },
        });
        return present(domain, saved);
      });
    },
  };
}

/** Refuses a domain the product does not have, as NOT_FOUND (it names a resource in the path). */
export function parseDomain(input: unknown): CompetencyDomain {
  const parsed = studyPointerDomainSchema.safeParse(input);
  if (!parsed.success) throw new AppError('NOT_FOUND', 'No such competency domain.', 404);
  return parsed.data;
}
